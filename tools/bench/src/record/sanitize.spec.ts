import { describe, expect, it } from '@jest/globals';
import { sanitize, sanitizeText } from './sanitize.js';

describe('sanitizeText', () => {
  it('replaces the repository root, the home directory and other absolute paths', () => {
    expect(sanitizeText('log.dirs=/srv/repo/.infra/data/kafka', '/srv/repo', '/home/dev')).toBe(
      'log.dirs=<repo>/.infra/data/kafka',
    );
    expect(sanitizeText('cache in /home/dev/.m2/repository', '/srv/repo', '/home/dev')).toBe(
      'cache in ~/.m2/repository',
    );
    expect(sanitizeText('-Djava.home=/opt/jdk-17/bin/java', '/srv/repo', '/home/dev')).toBe(
      '-Djava.home=…/java',
    );
  });

  it('leaves URLs and relative paths alone', () => {
    expect(
      sanitizeText('http://127.0.0.1:8083/connectors and infra/debezium/x.json', '/srv/repo', '/home/dev'),
    ).toBe('http://127.0.0.1:8083/connectors and infra/debezium/x.json');
  });
});

describe('sanitize', () => {
  it('walks objects and arrays', () => {
    expect(sanitize({ a: ['/srv/repo/x'], b: { c: 1, d: '/srv/repo' } }, '/srv/repo', '/home/dev')).toEqual({
      a: ['<repo>/x'],
      b: { c: 1, d: '<repo>' },
    });
  });
});
