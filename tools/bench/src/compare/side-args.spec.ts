import { describe, expect, it } from '@jest/globals';
import { sideArgs } from './side-args.js';

describe('sideArgs', () => {
  it('passes every option on but those each side sets for itself', () => {
    expect(
      sideArgs(['--quick', '--compare', '62789d6', '--rates', '10,30', '--out', 'x', '--cpu-prof', 'p']),
    ).toEqual(['--quick', '--rates', '10,30']);
  });

  it('drops the --name=value form too', () => {
    expect(sideArgs(['--compare=main', '--skus', '4', '--out=bench/x'])).toEqual(['--skus', '4']);
  });
});
