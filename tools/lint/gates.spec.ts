/**
 * Each gate fires: ESLint's Node API lints the files of tools/lint-fixtures (which the normal run skips) with the
 * repository's eslint.config.js and expects exactly the rule each file names in its `// expect:` line; the typecheck
 * gate compiles a test file with a type error under tsconfig.spec.json's options and expects the error.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, jest, test } from '@jest/globals';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import ts from 'typescript';

jest.setTimeout(120_000);

const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'tools/lint-fixtures');

interface Fixture {
  readonly file: string;
  readonly source: string;
  readonly expected: string;
  readonly lintAs: string;
}

const fixturesIn = (folder: string): Fixture[] =>
  readdirSync(join(fixtures, folder))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => {
      const file = join(fixtures, folder, name);
      const source = readFileSync(file, 'utf8');
      const expected = /^\/\/ expect: (\S+)$/m.exec(source)?.[1];
      if (!expected) throw new Error(`${file} has no "// expect:" line`);
      const lintAs = /^\/\/ lint-as: (\S+)$/m.exec(source)?.[1] ?? relative(root, file);
      return { file, source, expected, lintAs };
    });

const rulesFired = (results: ESLint.LintResult[]) => [
  ...new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`))),
];

describe('module boundary gates', () => {
  // The boundary rule reads the Nx project graph; `npm run lint` computes it first the same way.
  beforeAll(() => void execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, stdio: 'ignore' }));

  // Linted as if they lived inside a project, without type information (the virtual path is in no program).
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
  });

  test.each(fixturesIn('boundaries').map((f) => [relative(fixtures, f.file), f] as const))(
    '%s',
    async (_name, fixture) => {
      const results = await eslint.lintText(fixture.source, { filePath: join(root, fixture.lintAs) });
      expect(rulesFired(results)).toEqual(fixture.expected === 'nothing' ? [] : [fixture.expected]);
    },
  );
});

describe('type-aware lint gates', () => {
  const eslint = new ESLint({
    cwd: root,
    ignore: false,
    overrideConfig: [
      {
        files: ['tools/lint-fixtures/type-aware/*.ts'],
        languageOptions: {
          parserOptions: { project: join(fixtures, 'type-aware/tsconfig.json'), tsconfigRootDir: root },
        },
      },
    ],
  });

  test.each(fixturesIn('type-aware').map((f) => [relative(fixtures, f.file), f] as const))(
    '%s',
    async (_name, fixture) => {
      const results = await eslint.lintFiles([fixture.file]);
      expect(rulesFired(results)).toEqual(fixture.expected === 'nothing' ? [] : [fixture.expected]);
    },
  );
});

describe('typecheck gate', () => {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.spec.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.spec.json could not be read');
  const checked = new Set(config.fileNames.map((f) => relative(root, f)));

  test('npm test runs the typecheck, and the typecheck covers tests, tools and tests/', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.typecheck).toBe('tsc -p tsconfig.spec.json');
    expect(scripts.test).toContain('npm run typecheck');
    for (const file of [
      'apps/order-service/src/main.ts',
      'libs/outbox/src/index.ts',
      'libs/testing/src/index.ts',
      'tools/infra/src/cli.ts',
      'tools/lint/gates.spec.ts',
      'tests/e2e/harness.ts',
      'tests/e2e/saga.int-spec.ts',
    ]) {
      expect(checked).toContain(file);
    }
    expect(
      [...checked].filter((f) => f.endsWith('.spec.ts') && f.startsWith('apps/')).length,
    ).toBeGreaterThan(0);
    expect(
      [...checked].filter((f) => f.endsWith('.int-spec.ts') && f.startsWith('apps/')).length,
    ).toBeGreaterThan(0);
    expect([...checked].some((f) => f.startsWith('tools/lint-fixtures/'))).toBe(false);
  });

  test('a type error in a test file is reported', () => {
    const [fixture] = fixturesIn('typecheck');
    const program = ts.createProgram([fixture!.file], config.options);
    const codes = ts.getPreEmitDiagnostics(program).map((d) => `TS${d.code}`);
    expect(codes).toEqual([fixture!.expected]);
  });
});
