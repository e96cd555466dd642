import { describe, expect, it } from '@jest/globals';
import { OptionError, parseBenchOptions } from './options.js';

const parse = (...argv: string[]) => parseBenchOptions(argv);
const errorOf = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (error) {
    expect(error).toBeInstanceOf(OptionError);
    return (error as Error).message;
  }
  throw new Error('expected an OptionError');
};

describe('parseBenchOptions', () => {
  it('has full defaults, and smaller ones with --quick', () => {
    const full = parse();
    const quick = parse('--quick');
    expect(full).toMatchObject({
      quick: false,
      rates: [10, 20, 30, 45, 60, 80],
      duration: 60,
      sequential: 200,
    });
    expect(quick).toMatchObject({ quick: true, rates: [10, 30], sequential: 20 });
    if (full === 'help' || quick === 'help') throw new Error('unexpected help');
    expect(quick.duration).toBeLessThan(full.duration);
    expect(quick.baselineSeconds).toBeLessThan(full.baselineSeconds);
  });

  it('lets an explicit option win over --quick', () => {
    expect(parse('--quick', '--rates', '10,20,40', '--duration', '30')).toMatchObject({
      quick: true,
      rates: [10, 20, 40],
      duration: 30,
    });
  });

  it('names the option, its value and the fix', () => {
    expect(errorOf('--rates', '10,x')).toContain('--rates "10,x": must be a comma-separated list');
    expect(errorOf('--duration=-5')).toContain(
      '--duration "-5": must be above 0 (seconds); e.g. --duration 60',
    );
    expect(errorOf('--duration', 'soon')).toContain('--duration "soon": must be a number (seconds)');
    expect(errorOf('--sequential', '2.5')).toContain('--sequential "2.5": must be a whole number (sagas)');
    expect(errorOf('--ramp-factor', '1')).toContain('--ramp-factor "1": must be above 1');
  });

  it('reports every bad option at once', () => {
    const message = errorOf('--duration', 'soon', '--skus', '0');
    expect(message).toContain('--duration "soon"');
    expect(message).toContain('--skus "0": must be 1 or more (SKUs)');
    // One line per bad option, the usage after a blank line.
    expect(message.split('\n\n')[0]!.split('\n')).toHaveLength(3);
  });

  it('points renamed options to their replacement and rejects unknown ones', () => {
    expect(errorOf('--sagas', '100')).toContain('--sagas is gone: use --sequential N');
    expect(errorOf('--bogus')).toContain("Unknown option '--bogus'");
  });

  it('turns the ramp off with --ramp-steps 0', () => {
    expect(parse('--ramp-steps', '0')).toMatchObject({ rampSteps: 0 });
  });

  it('takes --without, --compare and --flash-sale-rate', () => {
    expect(
      parse('--without', 'label-worker,projection-service', '--compare', '62789d6', '--flash-sale-rate', '0'),
    ).toMatchObject({
      without: ['label-worker', 'projection-service'],
      compare: '62789d6',
      flashSaleRate: 0,
    });
    expect(parse()).toMatchObject({ without: [], compare: null, flashSaleRate: null });
  });

  it('names the app --without cannot leave out, and the ones it can', () => {
    expect(errorOf('--without', 'order-service')).toContain(
      '--without "order-service": the bench cannot run without order-service',
    );
    expect(errorOf('--without', 'order-service')).toContain(
      'leave only projection-service, label-worker out',
    );
    expect(errorOf('--without', 'labels')).toContain('"labels" is not an app of the system');
  });

  it('rejects a --compare that is no git ref, and a negative flash-sale rate', () => {
    expect(errorOf('--compare', '--quick')).toContain('--compare');
    expect(errorOf('--compare', 'a b')).toContain('--compare "a b": must be a git ref');
    expect(errorOf('--flash-sale-rate=-1')).toContain(
      '--flash-sale-rate "-1": must be 0 or more (orders per second); e.g. --flash-sale-rate 20',
    );
  });

  it('answers help', () => {
    expect(parse('--help')).toBe('help');
  });
});
