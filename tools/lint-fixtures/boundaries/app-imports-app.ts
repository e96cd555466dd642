// lint-as: apps/order-service/src/lint-fixture.ts
// expect: @nx/enforce-module-boundaries
import { something } from '@edr/payment-service';

export const leaked = something;
