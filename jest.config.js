// One Jest config, two projects: `unit` (pure logic, *.spec.ts, no I/O) and `integration` (*.int-spec.ts, against the
// real Postgres, Kafka and Kafka Connect that tools/infra starts). Test code is ESM: NestJS 12 is ESM-only (ADR 0001).
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleNameMapper: {
    '^@edr/infra$': '<rootDir>/tools/infra/src/index.ts',
    '^@edr/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.infra/', '<rootDir>/.bench/'],
  // Files that fail on purpose, checked by tools/lint/gates.spec.ts.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tools/lint-fixtures/'],
};

export default {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools,tests}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools,tests}/**/*.int-spec.ts'],
    },
  ],
};
