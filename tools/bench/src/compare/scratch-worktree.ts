import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { harnessPaths } from '../record/commit.js';

const run = (command: string, args: readonly string[], cwd: string, what: string) => {
  const result = spawnSync(command, [...args], { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${what} failed (${command} ${args.join(' ')} in ${cwd})`);
};

const gitOut = (cwd: string, args: readonly string[]) =>
  spawnSync('git', [...args], { cwd, encoding: 'utf8' });

/** The full commit id of `ref`; a clear error when git does not know it. */
export function resolveRef(repoRoot: string, ref: string): string {
  const result = gitOut(repoRoot, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const sha = result.stdout.trim();
  if (result.status !== 0 || !/^[0-9a-f]{40}$/.test(sha)) {
    throw new Error(
      `--compare "${ref}": git knows no commit by that name here; give a commit, branch or tag (e.g. --compare main, or git fetch first)`,
    );
  }
  return sha;
}

/**
 * A checkout of `sha` under .bench/worktrees/<sha> (a git worktree, made once and reused), reset to the commit,
 * with this tree's bench harness copied over its own so both sides are measured by the same code, and its
 * dependencies installed (npm ci, again only when its package-lock.json changed). Returns its path.
 */
export function prepareWorktree(repoRoot: string, sha: string, log: (line: string) => void): string {
  const path = join(repoRoot, '.bench', 'worktrees', sha);
  if (!existsSync(join(path, '.git'))) {
    log(`▸ git worktree ${sha.slice(0, 12)} → .bench/worktrees/${sha}`);
    run('git', ['worktree', 'add', '--detach', path, sha], repoRoot, 'git worktree add');
  }
  // The scratch tree is the bench's own: back to the commit, whatever an earlier comparison left in it.
  run('git', ['reset', '--quiet', '--hard', sha], path, 'git reset');
  run('git', ['clean', '--quiet', '-fd', '--', ...harnessPaths], path, 'git clean');
  for (const harness of harnessPaths) {
    rmSync(join(path, harness), { recursive: true, force: true });
    cpSync(join(repoRoot, harness), join(path, harness), {
      recursive: true,
      filter: (source) => !source.includes('node_modules'),
    });
  }
  log(`  overlaid this tree's ${harnessPaths.join(', ')}`);
  const lock = createHash('sha256')
    .update(readFileSync(join(path, 'package-lock.json')))
    .digest('hex');
  const stamp = join(path, 'node_modules', '.edr-bench-lock');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lock) {
    log('▸ npm ci in the scratch worktree');
    run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], path, 'npm ci');
    writeFileSync(stamp, lock);
  }
  return path;
}
