// lint-as: apps/shipping-service/src/lint-fixture.ts
// expect: nothing
import { FaultInjector } from '@edr/fault-injection';
import { Topics } from '@edr/contracts';

export const allowed = [FaultInjector, Topics];
