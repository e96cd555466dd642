import { spawnSync } from 'node:child_process';
import type { CommitInfo } from '../result-model.js';

/** The bench harness: in a --compare baseline it is this tree's, copied in, so it does not make the system dirty. */
export const harnessPaths = ['tools/bench', 'tools/system'] as const;
/** Bench output (results, profiles): written during runs, a comparison's first side's included; not the system. */
const outputPaths = ['bench'] as const;

const git = (repoRoot: string, args: readonly string[]) => {
  const result = spawnSync('git', [...args], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
};

/** The commit of the tree at `repoRoot`, and whether its system or its harness differ from it. */
export function commitInfo(repoRoot: string): CommitInfo {
  const changed = (pathspecs: readonly string[]) =>
    git(repoRoot, ['status', '--porcelain', '--untracked-files=normal', '--', ...pathspecs]) !== '';
  return {
    sha: git(repoRoot, ['rev-parse', 'HEAD']),
    subject: git(repoRoot, ['log', '-1', '--format=%s']),
    dirty: changed(['.', ...[...harnessPaths, ...outputPaths].map((path) => `:(exclude)${path}`)]),
    harnessDirty: changed(harnessPaths),
  };
}
