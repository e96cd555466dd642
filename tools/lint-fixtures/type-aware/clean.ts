// expect: nothing
import { EventEmitter } from 'node:events';

type Status = 'PENDING' | 'APPROVED';

const save = async (value: number) => value;

export async function remember(): Promise<number> {
  return save(1);
}

export function label(status: Status): string {
  switch (status) {
    case 'PENDING':
      return 'waiting';
    case 'APPROVED':
      return 'done';
  }
}

export const emitter = new EventEmitter();
emitter.on('message', () => void remember());
