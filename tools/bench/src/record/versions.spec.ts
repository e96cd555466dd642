import { describe, expect, it } from '@jest/globals';
import { pomVersions } from './versions.js';

describe('pomVersions', () => {
  it('reads the version properties', () => {
    expect(
      pomVersions(
        '<properties><kafka.version>4.3.1</kafka.version><debezium.version>3.6.1.Final</debezium.version></properties>',
      ),
    ).toEqual({ kafka: '4.3.1', debezium: '3.6.1.Final' });
  });
});
