import { describe, expect, test } from '@jest/globals';
import { DEFAULT_ORDER_SERVICE_URL, parseReplayCommand } from './replay-args.js';
import { UsageError } from './replay-errors.js';

const a = '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10';
const b = '5d1c7e0a-2f4b-4c8e-9b1a-3e6f7a8b9c0d';

/** The UsageError `argv` throws, as message and hint. */
const refusal = (argv: string[]) => {
  try {
    parseReplayCommand(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return { message: (error as UsageError).message, hint: (error as UsageError).hint };
  }
  throw new Error(`${argv.join(' ')} was accepted`);
};

describe('parseReplayCommand', () => {
  test('--all, against the order service of @edr/topology by default', () => {
    expect(parseReplayCommand(['replay', '--all'])).toEqual({
      command: 'replay',
      selection: { all: true },
      orderServiceUrl: 'http://localhost:3001',
    });
    expect(DEFAULT_ORDER_SERVICE_URL).toBe('http://localhost:3001');
  });

  test('--order repeated: each order once, in the order given, ids in lower case', () => {
    expect(
      parseReplayCommand(['replay', '--order', a, '--order', b.toUpperCase(), '--order', a]),
    ).toMatchObject({
      selection: { all: false, orderIds: [a, b] },
    });
  });

  test('--order-service: any http(s) base URL, without its trailing slash', () => {
    expect(
      parseReplayCommand(['replay', '--all', '--order-service', 'http://127.0.0.1:4101/']),
    ).toMatchObject({
      orderServiceUrl: 'http://127.0.0.1:4101',
    });
    expect(
      parseReplayCommand(['replay', '--all', '--order-service=https://orders.example.com/api']),
    ).toMatchObject({
      orderServiceUrl: 'https://orders.example.com/api',
    });
  });

  test('-h and --help', () => {
    expect(parseReplayCommand(['-h'])).toEqual({ command: 'help' });
    expect(parseReplayCommand(['replay', '--help'])).toEqual({ command: 'help' });
  });

  test('an order id that is not a UUID: names the argument, the value and what an id looks like', () => {
    expect(refusal(['replay', '--order', 'order-1'])).toEqual({
      message: '--order "order-1" is not an order id',
      hint: `an order id is a UUID as returned by POST /orders, e.g. --order ${a}`,
    });
  });

  test('neither --order nor --all, or both', () => {
    expect(refusal(['replay'])).toMatchObject({
      message: 'no orders named',
      hint: expect.stringContaining('--order <id> (repeatable)'),
    });
    expect(refusal(['replay', '--all', '--order', a])).toMatchObject({
      message: `--all and --order ${a} both given`,
      hint: expect.stringContaining('drop --order, or drop --all'),
    });
  });

  test('a bad --order-service URL', () => {
    for (const value of ['localhost:3001', 'ftp://host', 'http://host?x=1', 'not a url']) {
      expect(refusal(['replay', '--all', '--order-service', value])).toEqual({
        message: `--order-service "${value}" is not an http(s) URL`,
        hint: "give the order service's base URL, e.g. --order-service http://localhost:3001",
      });
    }
  });

  test('missing or unknown command, stray arguments, unknown or incomplete options', () => {
    expect(refusal([]).message).toBe('missing command');
    expect(refusal(['rebuild', '--all'])).toMatchObject({ message: 'unknown command "rebuild"' });
    expect(refusal(['replay', a])).toEqual({
      message: `unexpected argument(s): ${a}`,
      hint: `name orders with --order, e.g. npm run orders -- replay --order ${a}`,
    });
    expect(refusal(['replay', '--al']).message).toMatch(/Unknown option '--al'/);
    expect(refusal(['replay', '--order']).message).toMatch(/--order <value>' argument missing/);
  });
});
