/** Options that name a place: each side of a comparison gets its own, the rest is passed on unchanged. */
const perSide = new Set(['--compare', '--out', '--cpu-prof']);

/**
 * The bench arguments both sides of `--compare` run with: the caller's, less --compare, --out and --cpu-prof (in
 * both `--name value` and `--name=value` form), which the comparison sets per side.
 */
export function sideArgs(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.split('=')[0]!;
    if (!perSide.has(name)) {
      kept.push(arg);
      continue;
    }
    if (!arg.includes('=')) i++;
  }
  return kept;
}
