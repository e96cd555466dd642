// lint-as: libs/messaging/src/lint-fixture.ts
// expect: @nx/enforce-module-boundaries
import { kafka } from '@edr/testing';

export const testOnly = kafka;
