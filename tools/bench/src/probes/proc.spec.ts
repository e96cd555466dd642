import { describe, expect, it } from '@jest/globals';
import { type ProcStat, parseMachineCpu, parsePssKiB, parseStat, processTree, treeTicks } from './proc.js';

const statLine = (
  pid: number,
  comm: string,
  ppid: number,
  utime: number,
  stime: number,
  cutime = 0,
  cstime = 0,
) =>
  `${pid} (${comm}) S ${ppid} 1 1 0 -1 4194560 100 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 1 0 123 456 789`;

describe('parseStat', () => {
  it('reads pid, ppid and the four CPU times, whatever the command name holds', () => {
    expect(parseStat(statLine(42, 'postgres: walwriter (x) )', 7, 11, 12, 13, 14))).toEqual({
      pid: 42,
      ppid: 7,
      utime: 11,
      stime: 12,
      cutime: 13,
      cstime: 14,
    });
  });
});

describe('process trees', () => {
  const stats = new Map<number, ProcStat>(
    [
      statLine(1, 'init', 0, 5, 5),
      statLine(10, 'postgres', 1, 100, 50, 30, 10),
      statLine(11, 'postgres: checkpointer', 10, 7, 3),
      statLine(12, 'postgres: backend', 10, 20, 5),
      statLine(13, 'postgres: parallel worker', 12, 1, 1),
      statLine(20, 'java', 1, 999, 1),
    ].map((line) => {
      const stat = parseStat(line);
      return [stat.pid, stat] as const;
    }),
  );

  it('walks every descendant', () => {
    expect(processTree(10, stats).sort((a, b) => a - b)).toEqual([10, 11, 12, 13]);
    expect(processTree(99, stats)).toEqual([]);
  });

  it('sums own and reaped-children time over the tree', () => {
    expect(treeTicks(10, stats)).toBe(100 + 50 + 30 + 10 + 10 + 25 + 2);
  });
});

describe('parsePssKiB and parseMachineCpu', () => {
  it('reads the Pss line', () => {
    expect(
      parsePssKiB('55601d200000-7ffe [rollup]\nRss:   26340 kB\nPss:   11794 kB\nPss_Dirty:  9118 kB\n'),
    ).toBe(11794);
    expect(() => parsePssKiB('Rss: 1 kB')).toThrow('no Pss line');
  });

  it('counts idle and iowait as not busy', () => {
    expect(parseMachineCpu('cpu  10 1 4 100 5 1 2 3 0 0\ncpu0 1 1 1 1 1 1 1 1 0 0\n')).toEqual({
      busy: 10 + 1 + 4 + 1 + 2 + 3,
      total: 21 + 100 + 5,
    });
  });
});
