// expect: TS2322
import { expect, test } from '@jest/globals';

test('a test file with a type error', () => {
  const count: number = 'three';
  expect(count).toBeDefined();
});
