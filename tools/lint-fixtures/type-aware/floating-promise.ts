// expect: @typescript-eslint/no-floating-promises
const save = async (value: number) => value;

export function forget(): void {
  save(1);
}
