import { describe, expect, it } from '@jest/globals';
import { type CpuSnapshot, cpuBetween } from './cpu.js';

describe('cpuBetween', () => {
  it('turns two snapshots into cores per process, the stack total and the rest of the machine', () => {
    const from: CpuSnapshot = {
      at: 1_000,
      seconds: { postgres: 10, kafka: 5 },
      benchSeconds: 1,
      machine: { busy: 1_000, total: 2_000 },
    };
    const to: CpuSnapshot = {
      at: 11_000,
      seconds: { postgres: 12, kafka: 8 },
      benchSeconds: 2,
      machine: { busy: 1_000 + 1_500, total: 2_000 + 2_000 },
    };
    const use = cpuBetween(from, to, 2);
    expect(use.seconds).toBe(10);
    expect(use.perProcess).toEqual({ postgres: 0.2, kafka: 0.3 });
    expect(use.stackCpuSeconds).toBe(5);
    expect(use.stackCores).toBeCloseTo(0.5);
    expect(use.benchCores).toBeCloseTo(0.1);
    expect(use.machineBusyCores).toBeCloseTo(1.5);
    expect(use.otherCores).toBeCloseTo(0.9);
  });
});
