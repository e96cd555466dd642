/**
 * Nx plugin: the targets every project of the workspace gets, inferred from its files so that a new app or lib has
 * them without any configuration (its package.json carries only its tags).
 * - build: `tsc -b` of the project (its referenced libs first); for a source-only package (tsconfig with noEmit:
 *   the testing lib, tools/infra) a type check.
 * - lint: ESLint on the project's folder, with the workspace's type-aware config.
 * - test: the project's *.spec.ts (Jest `unit`), where it has any.
 * - integration-test: the project's *.int-spec.ts (Jest `integration`) on the real infrastructure, started and
 *   stopped around it when not running; one at a time, since all of them share the infrastructure and the test ports.
 * `npm test` runs the same commands over the whole workspace at once.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const jest = 'NODE_OPTIONS=--experimental-vm-modules jest';
const withInfra = 'tsx tools/infra/src/with-infra.ts --';

/** Whether a file under `dir` (recursively, skipping dist and node_modules) ends with `suffix`. */
function hasFile(dir, suffix) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name !== 'dist' && entry.name !== 'node_modules' && hasFile(join(dir, entry.name), suffix))
        return true;
    } else if (
      entry.name.endsWith(suffix) &&
      !(suffix === '.spec.ts' && entry.name.endsWith('.int-spec.ts'))
    ) {
      return true;
    }
  }
  return false;
}

const run = (command) => ({ executor: 'nx:run-commands', options: { command, cwd: '{workspaceRoot}' } });

/**
 * `nested`: roots of projects inside this one (tools/infra inside tools), whose files are theirs, not this project's.
 */
function targetsFor(root, workspaceRoot, nested) {
  const absolute = join(workspaceRoot, root);
  const tsconfig = join(absolute, 'tsconfig.json');
  const pattern = nested.length
    ? `${root}/(?!(${nested.map((n) => n.slice(root.length + 1)).join('|')})/)`
    : `${root}/`;
  const ignore = nested.map((n) => ` --ignore-pattern '${n}/**'`).join('');
  const targets = {};
  if (existsSync(tsconfig)) {
    const sourceOnly = JSON.parse(readFileSync(tsconfig, 'utf8')).compilerOptions?.noEmit === true;
    targets.build = sourceOnly
      ? {
          ...run(`tsc -p ${root}/tsconfig.json`),
          cache: true,
          inputs: ['default', '^production'],
          outputs: [],
        }
      : {
          ...run(`tsc -b ${root}`),
          cache: true,
          dependsOn: ['^build'],
          inputs: ['production', '^production'],
          outputs: ['{projectRoot}/dist'],
        };
  }
  targets.lint = {
    ...run(`eslint ${root}${ignore}`),
    cache: true,
    inputs: ['default', '^production', 'lintConfig'],
    outputs: [],
  };
  if (hasFile(absolute, '.spec.ts')) {
    targets.test = {
      ...run(`${jest} --selectProjects unit --testPathPatterns '${pattern}'`),
      cache: true,
      inputs: ['default', '^production', 'testConfig'],
      outputs: [],
    };
  }
  if (hasFile(absolute, '.int-spec.ts')) {
    targets['integration-test'] = {
      ...run(
        `${withInfra} env ${jest} --selectProjects integration --runInBand --testPathPatterns '${pattern}'`,
      ),
      // Services under test run from apps/*/dist.
      dependsOn: ['build', '^build'],
      parallelism: false,
      cache: false,
    };
  }
  return targets;
}

export const createNodesV2 = [
  '{apps/*/package.json,libs/*/package.json,tools/infra/package.json,tools/project.json,tests/e2e/project.json}',
  (files, _options, context) => {
    const roots = files.map((file) => dirname(file));
    return files.map((file, i) => {
      const root = roots[i];
      const nested = roots.filter((other) => other.startsWith(`${root}/`));
      return [file, { projects: { [root]: { targets: targetsFor(root, context.workspaceRoot, nested) } } }];
    });
  },
];
