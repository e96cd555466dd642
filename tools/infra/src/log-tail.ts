import { open } from 'node:fs/promises';

/** Last `lines` lines of a log file, for error messages; '' if the file does not exist yet. */
export async function logTail(file: string, lines = 25): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await handle.stat();
    // Java stack traces are long: read a generous window and cut by lines.
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const text = buffer.toString('utf8').trimEnd();
    return [`${file} (last ${lines} lines):`, ...text.split('\n').slice(-lines)].join('\n');
  } finally {
    await handle.close();
  }
}
