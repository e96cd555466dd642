import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries (docs/adr/0001-esm-workspace-and-layout.md). By type: apps use libs, never another app; contracts
 * are plain data and depend on nothing but contracts and zod; data-access libs not on utilities that pull in HTTP,
 * only on the config (its injection token and types), which depends on nothing.
 * By scope: each app is its own scope and uses only shared libs and libs of its own scope (fault injection belongs
 * to the services whose consumers take injected failures: the saga participants and customer-service). The testing lib and the infrastructure tooling are for tests and dev tooling only: no
 * service's or lib's own code may import them, only their test files (see `testDepConstraints`).
 */
const frameworks = ['@nestjs/*', 'typeorm', 'kafkajs'];
const productionTypes = ['type:contracts', 'type:config', 'type:util', 'type:data-access'];
const typeConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: productionTypes },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: productionTypes },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:data-access'],
  },
  { sourceTag: 'type:config', onlyDependOnLibsWithTags: [] },
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: ['type:contracts'],
    bannedExternalImports: frameworks,
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: [...productionTypes, 'type:testing', 'type:tooling'],
  },
  // Dev tooling (tools/: infrastructure, demo, bench, dlq) starts services the way the tests do.
  {
    sourceTag: 'type:tooling',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:tooling', 'type:testing'],
  },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: [...productionTypes, 'type:testing', 'type:tooling'] },
];
const participantScopes = ['scope:payment', 'scope:inventory', 'scope:shipping', 'scope:customer'];
const scopeConstraints = [
  { sourceTag: 'scope:order', onlyDependOnLibsWithTags: ['scope:order', 'scope:shared'] },
  { sourceTag: 'scope:projection', onlyDependOnLibsWithTags: ['scope:projection', 'scope:shared'] },
  ...participantScopes.map((scope) => ({
    sourceTag: scope,
    onlyDependOnLibsWithTags: [scope, 'scope:participant', 'scope:shared'],
  })),
  { sourceTag: 'scope:participant', onlyDependOnLibsWithTags: ['scope:participant', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
];
const depConstraints = [...typeConstraints, ...scopeConstraints];

/** In test files a project may also use the testing lib and the infrastructure tooling; nothing else changes. */
const testDepConstraints = depConstraints.map((constraint) =>
  constraint.sourceTag.startsWith('type:')
    ? {
        ...constraint,
        onlyDependOnLibsWithTags: [
          ...new Set([...constraint.onlyDependOnLibsWithTags, 'type:testing', 'type:tooling']),
        ],
      }
    : constraint,
);

const boundaries = (constraints) => [
  'error',
  { enforceBuildableLibDependency: false, allow: [], depConstraints: constraints },
];

const testFiles = ['**/*.spec.ts', '**/*.int-spec.ts'];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.infra/**',
      // Scratch checkouts of other revisions that `npm run bench -- --compare` measures.
      '.bench/**',
      '.nx/**',
      'coverage/**',
      // Files that break a rule on purpose; tools/lint/gates.spec.ts lints them and expects each rule to fire.
      'tools/lint-fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      // Type-aware rules read the one program that covers every TypeScript file (sources, tests, tools, tests/).
      parserOptions: { project: './tsconfig.spec.json', tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(depConstraints),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // Files with decorators keep value imports (the rule reads emitDecoratorMetadata from the tsconfig): Nest's
      // dependency injection needs the class at run time.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      // An import of types only is `import type { … }`, never `import { type … }`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through @edr/config at boot; nothing else reads process.env.',
        },
      ],
    },
  },
  {
    files: testFiles,
    rules: { '@nx/enforce-module-boundaries': boundaries(testDepConstraints) },
  },
  {
    // The boot code (a service's, the order replay command's) and dev tooling are where the environment is read.
    files: [
      'libs/platform/src/bootstrap-service.ts',
      'apps/order-service/src/replay/cli.ts',
      'tools/**/*.ts',
      'libs/testing/**/*.ts',
      ...testFiles,
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests, the demo and the benchmark read loosely typed JSON responses.
    files: [
      'tests/**/*.ts',
      'libs/testing/**/*.ts',
      ...testFiles,
      'tools/demo/**/*.ts',
      'tools/bench/**/*.ts',
    ],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
