// lint-as: libs/contracts/src/lint-fixture.ts
// expect: @nx/enforce-module-boundaries
import { Kafka } from 'kafkajs';

export const framework = Kafka;
