// The image the k8s overlays run (infra/docker/Dockerfile, one file for every app): it compiles only what the app
// needs, runs as the user Kubernetes expects, and checks its own health without tools the slim image lacks.
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { apps } from './app-objects.js';
import { repoRoot } from '../kustomize-build.js';

const dockerfile = readFileSync(path.join(repoRoot, 'infra/docker/Dockerfile'), 'utf8');
/** The instructions of the last stage, comments dropped and continuation lines joined. */
const runtime = dockerfile
  .split('\n')
  .filter((line) => !/^\s*#/.test(line))
  .join('\n')
  .replace(/\\\n/g, ' ')
  .split(/^FROM /m)
  .at(-1)!;

const readJson = (file: string) =>
  JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as Record<string, unknown>;
/** A workspace package's folder from its name (`@edr/config` → libs/config). */
const folderOf = (name: string) =>
  ['libs', 'apps', 'tools']
    .map((root) => `${root}/${name.replace('@edr/', '')}`)
    .find((dir) => existsSync(path.join(repoRoot, dir))) ?? `libs/${name}`;

/** Everything reachable from `start` along `edges`, start excluded. */
function closure(start: string, edges: (dir: string) => string[]): string[] {
  const seen = new Set<string>();
  const stack = edges(start);
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...edges(next));
  }
  return [...seen].sort();
}
/** The Nx project graph's edges: a workspace package's @edr/* dependencies. */
const dependencies = (dir: string) =>
  Object.keys((readJson(`${dir}/package.json`).dependencies ?? {}) as Record<string, string>)
    .filter((name) => name.startsWith('@edr/'))
    .map(folderOf);
/** What `tsc -b` follows: the project references of a package's tsconfig.json. */
const references = (dir: string) =>
  ((readJson(`${dir}/tsconfig.json`).references ?? []) as Array<{ path: string }>).map((ref) =>
    path.posix.normalize(path.posix.join(dir, ref.path)),
  );

describe('infra/docker/Dockerfile as the k8s image', () => {
  test('compiles one app with tsc -b apps/${APP}, which follows project references only', () => {
    expect(dockerfile).toMatch(/npx tsc -b apps\/\$\{APP\}/);
  });

  test.each(apps.map((app) => [app.app] as const))(
    '%s: its project references reach exactly its dependencies in the Nx project graph (package.json)',
    (app) => {
      const dir = `apps/${app}`;
      const needed = closure(dir, dependencies);
      expect(needed).toContain('libs/platform');
      expect(closure(dir, references)).toEqual(needed);
    },
  );

  test('runs as node (uid 1000), the user the Deployments name with runAsUser', () => {
    expect(runtime).toMatch(/^USER node\s*$/m);
  });

  test('has a HEALTHCHECK that asks GET /health on the app port with node (the slim image has no curl)', () => {
    const healthcheck = /^HEALTHCHECK\s+(.*)$/m.exec(runtime)?.[1] ?? '';
    const cmd = /CMD\s+(\[.*\])\s*$/.exec(healthcheck)?.[1];
    expect(cmd).toBeDefined();
    const argv = JSON.parse(cmd!) as string[];
    expect(argv.slice(0, 2)).toEqual(['node', '-e']);
    expect(argv[2]).toContain("fetch('http://127.0.0.1:'+process.env.PORT+'/health')");
    expect(argv[2]).toMatch(/process\.exit\(r\.ok\?0:1\)/);
    expect(healthcheck).toMatch(/--timeout=\d+s/);
  });
});
