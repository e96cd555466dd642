import { readFileSync } from 'node:fs';
import os from 'node:os';

const readOr = (file: string, fallback: string) => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return fallback;
  }
};

/** The machine the figures are from: they mean little without it. */
export function machineInfo() {
  const cpuinfo = readOr('/proc/cpuinfo', '');
  return {
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    arch: os.arch(),
    /** cgroup v2 CPU quota of the bench's cgroup ("max 100000" = no limit). */
    cpuQuota: readOr('/sys/fs/cgroup/cpu.max', 'unknown'),
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
