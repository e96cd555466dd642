import { describe, expect, test } from '@jest/globals';
import { parseJavaMajor } from './java.js';
import { newClusterId } from './kafka.js';
import { parsePomVersions } from './maven-cache.js';

describe('parseJavaMajor', () => {
  test.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "25" 2025-09-16', 25],
    ['java version "1.8.0_402"', 8],
    ['no java here', undefined],
  ])('%s → %s', (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });
});

describe('parsePomVersions', () => {
  test('reads the pinned Kafka and Debezium versions', () => {
    const pom =
      '<properties><kafka.version>4.3.1</kafka.version><debezium.version>3.6.1.Final</debezium.version></properties>';
    expect(parsePomVersions(pom)).toEqual({ kafka: '4.3.1', debezium: '3.6.1.Final' });
  });

  test('fails when a version is missing', () => {
    expect(() => parsePomVersions('<kafka.version>4.3.1</kafka.version>')).toThrow(/debezium\.version/);
  });
});

describe('newClusterId', () => {
  test('is a 22-character base64url id that does not start with a dash', () => {
    for (let i = 0; i < 200; i += 1) expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
