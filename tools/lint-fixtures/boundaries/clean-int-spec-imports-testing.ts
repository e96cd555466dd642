// lint-as: apps/payment-service/src/lint-fixture.int-spec.ts
// expect: nothing
import { FaultInjector } from '@edr/fault-injection';
import { waitFor } from '@edr/testing';

export const allowed = [waitFor, FaultInjector];
