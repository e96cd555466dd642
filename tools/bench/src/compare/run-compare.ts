import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { infraStatus, type Shutdown } from '@edr/infra';
import { repoRoot } from '@edr/testing';
import type { BenchOptions } from '../options.js';
import type { BenchResult } from '../result-model.js';
import { resultStem } from '../report/write-results.js';
import { compareResults } from './comparison.js';
import { type ComparedRun, renderComparison } from './render-comparison.js';
import { prepareWorktree, resolveRef } from './scratch-worktree.js';
import { sideArgs } from './side-args.js';

interface Side {
  readonly name: 'old' | 'new';
  readonly ref: string;
  /** The tree the bench runs in (and whose system it starts). */
  readonly tree: string;
}

const exited = (child: ChildProcess) =>
  new Promise<number>((resolveExit) => {
    if (child.exitCode !== null) return resolveExit(child.exitCode);
    child.once('exit', (code, signal) => resolveExit(code ?? (signal ? 128 : 1)));
  });

/**
 * Empties a side's infrastructure directory but its cache (the Kafka and Debezium jars): each run starts from a
 * fresh database and log, so neither side measures what an earlier run left behind.
 */
function freshInfraDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) {
    if (entry !== 'cache') rmSync(join(dir, entry), { recursive: true, force: true });
  }
}

/** One side: the bench of `side.tree`, in a child process, with its own infrastructure directory. */
async function runSide(
  side: Side,
  args: readonly string[],
  work: string,
  shutdown: Shutdown,
  log: (line: string) => void,
): Promise<ComparedRun> {
  const out = join(work, side.name);
  const infraDir = join(repoRoot, '.bench', 'infra', side.name);
  freshInfraDir(infraDir);
  // Relative to the side's own tree (its working directory), so its recorded options hold no path of this machine.
  const sideArgv = [...args, '--out', relative(side.tree, out)];
  log(
    `▸ ${side.name} (${side.ref}): npm run bench -- ${[...args, '--out', relative(repoRoot, out)].join(' ')}`,
  );
  const began = Date.now();
  const child = await shutdown.start(
    async () =>
      spawn(
        process.execPath,
        ['--conditions=development', '--import', 'tsx', 'tools/bench/src/bench.ts', ...sideArgv],
        { cwd: side.tree, stdio: 'inherit', env: { ...process.env, EDR_INFRA_DIR: infraDir } },
      ),
    async (started) => {
      if (started.exitCode === null) started.kill('SIGTERM');
      await exited(started);
    },
  );
  const code = await exited(child);
  log(`▸ ${side.name} ended with code ${code} after ${Math.round((Date.now() - began) / 1000)} s`);
  const json = readdirSync(out)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .at(-1);
  if (!json) throw new Error(`the ${side.name} run (${side.ref}) wrote no result (exit code ${code})`);
  const files = readdirSync(out).map((f) => relative(repoRoot, join(out, f)));
  return {
    result: JSON.parse(readFileSync(join(out, json), 'utf8')) as BenchResult,
    ref: side.ref,
    files,
  };
}

/**
 * `--compare <ref>`: the same bench on `ref` (a scratch worktree with this tree's harness), then on this tree, one
 * after the other, each bringing up and stopping its own infrastructure; then both results side by side.
 */
export async function runCompare(
  options: BenchOptions,
  argv: readonly string[],
  shutdown: Shutdown,
  log: (line: string) => void,
): Promise<number> {
  const running = (await infraStatus()).components.filter((c) => c.state === 'running');
  if (running.length) {
    throw new Error(
      `--compare starts each side's own infrastructure on the usual ports, but ${running.map((c) => c.component).join(', ')} already run from this tree; stop them first (npm run infra:down)`,
    );
  }
  const ref = options.compare!;
  const sha = resolveRef(repoRoot, ref);
  const began = Date.now();
  const stem = resultStem(new Date().toISOString());
  const outDir = resolve(repoRoot, options.out);
  const work = join(outDir, `${stem}-compare`);
  const baselineTree = prepareWorktree(repoRoot, sha, log);
  const args = sideArgs(argv);
  const old = await runSide({ name: 'old', ref, tree: baselineTree }, args, work, shutdown, log);
  if (shutdown.signal.aborted) return 130;
  const now = await runSide({ name: 'new', ref: 'this tree', tree: repoRoot }, args, work, shutdown, log);
  if (shutdown.signal.aborted) return 130;

  const figures = compareResults(old.result, now.result);
  const markdown = renderComparison(old, now, figures, args.join(' '));
  mkdirSync(outDir, { recursive: true });
  const mdFile = join(outDir, `${stem}-compare.md`);
  const jsonFile = join(outDir, `${stem}-compare.json`);
  writeFileSync(mdFile, markdown);
  writeFileSync(
    jsonFile,
    `${JSON.stringify({ format: 'edr-bench-compare/1', ref, args, old: { commit: old.result.commit, files: old.files }, new: { commit: now.result.commit, files: now.files }, figures }, null, 2)}\n`,
  );
  log(`\n${markdown}`);
  log(
    `Comparison: ${relative(repoRoot, mdFile)}, ${relative(repoRoot, jsonFile)} (both runs took ${Math.round((Date.now() - began) / 1000)} s)`,
  );
  return old.result.errors.length || now.result.errors.length ? 1 : 0;
}
