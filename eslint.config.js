import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries: apps may use shared libs and libs of their own scope, never another app's code; contracts
 * depend on nothing but contracts; data-access libs not on utilities that pull in HTTP, only on the config (its
 * injection token and types); testing helpers only in tests.
 */
const depConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:util', 'type:data-access'],
  },
  {
    sourceTag: 'type:util',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:util', 'type:data-access'],
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:data-access'],
  },
  { sourceTag: 'type:config', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:data-access', 'type:util'],
  },
  { sourceTag: 'scope:order', onlyDependOnLibsWithTags: ['scope:order', 'scope:shared'] },
  { sourceTag: 'scope:projection', onlyDependOnLibsWithTags: ['scope:projection', 'scope:shared'] },
  { sourceTag: 'scope:payment', onlyDependOnLibsWithTags: ['scope:payment', 'scope:shared'] },
  { sourceTag: 'scope:inventory', onlyDependOnLibsWithTags: ['scope:inventory', 'scope:shared'] },
  { sourceTag: 'scope:shipping', onlyDependOnLibsWithTags: ['scope:shipping', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.infra/**', '.nx/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
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
    // The boot code and dev tooling are where the environment is read.
    files: ['libs/platform/src/bootstrap-service.ts', 'tools/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests, the demo and the benchmark read loosely typed JSON responses.
    files: ['tests/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', 'tools/demo/**/*.ts', 'tools/bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // A service's (or lib's) integration test drives the real stack with the repo's tooling (tools/infra, tools/runner,
    // tests/e2e); that tooling is not a library and never part of the service itself.
    files: ['apps/**/*.int-spec.ts', 'libs/**/*.int-spec.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  prettier,
);
