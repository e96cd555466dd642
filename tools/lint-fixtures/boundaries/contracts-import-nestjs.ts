// lint-as: libs/contracts/src/lint-fixture.ts
// expect: @nx/enforce-module-boundaries
import { Injectable } from '@nestjs/common';

export const framework = Injectable;
