// lint-as: apps/payment-service/src/lint-fixture.ts
// expect: @nx/enforce-module-boundaries
import { waitFor } from '@edr/testing';

export const testOnly = waitFor;
