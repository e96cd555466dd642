import { describe, expect, test } from '@jest/globals';
import { UsageError, parseCommand } from './args.js';

describe('npm run projections arguments', () => {
  test('rebuild and verify take one view; the URL comes from --url, PROJECTION_URL or the default', () => {
    expect(parseCommand(['rebuild', 'orders'], {})).toEqual({
      command: 'rebuild',
      view: 'orders',
      url: 'http://localhost:3006',
      json: false,
    });
    expect(parseCommand(['verify', 'sales', '--json'], { PROJECTION_URL: 'http://p:1' })).toMatchObject({
      command: 'verify',
      view: 'sales',
      url: 'http://p:1',
      json: true,
    });
    expect(parseCommand(['status', '--url', 'http://x:2'], {})).toEqual({
      command: 'status',
      url: 'http://x:2',
      json: false,
    });
    expect(parseCommand(['--help'], {})).toEqual({ command: 'help' });
  });

  test.each([
    [['rebuild'], /rebuild needs a view: one of orders, customers, sales/],
    [['rebuild', 'ordres'], /unknown view "ordres"; the views are orders, customers, sales/],
    [['rebuild', 'orders', 'sales'], /unexpected argument "sales"/],
    [['status', 'orders'], /status takes no view/],
    [['drop', 'orders'], /unknown command "drop"/],
    [[], /no command/],
    [['verify', 'orders', '--url', 'localhost:3006'], /--url "localhost:3006" is not an http\(s\) URL/],
    [['verify', 'orders', '--force'], /Unknown option '--force'/],
  ])('%j is refused, naming the problem and the fix', (argv, message) => {
    expect(() => parseCommand(argv, {})).toThrow(UsageError);
    expect(() => parseCommand(argv, {})).toThrow(message);
  });
});
