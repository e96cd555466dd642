// expect: @typescript-eslint/switch-exhaustiveness-check
type Status = 'PENDING' | 'APPROVED' | 'REJECTED';

export function label(status: Status): string {
  switch (status) {
    case 'PENDING':
      return 'waiting';
    case 'APPROVED':
      return 'done';
  }
  return 'unknown';
}
