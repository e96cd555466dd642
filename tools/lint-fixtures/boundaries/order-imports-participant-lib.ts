// lint-as: apps/order-service/src/lint-fixture.ts
// expect: @nx/enforce-module-boundaries
import { FaultInjector } from '@edr/fault-injection';

export const wrongScope = FaultInjector;
