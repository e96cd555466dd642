import { describe, expect, it } from '@jest/globals';
import { jvmFlags } from './settings.js';

describe('jvmFlags', () => {
  it('keeps the -X and -D flags of a command line, not the classpath or the log config', () => {
    const cmdline = [
      'java',
      '-Xms256m',
      '-Xmx512m',
      '-XX:+UseG1GC',
      '-Dlog4j2.configurationFile=/x',
      '-Dfoo=1',
      '-cp',
      '/a:/b',
      'Main',
      '',
    ].join('\0');
    expect(jvmFlags(cmdline)).toEqual(['-Xms256m', '-Xmx512m', '-XX:+UseG1GC', '-Dfoo=1']);
  });
});
