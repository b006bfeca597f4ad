/**
 * One jest run for the whole workspace. TypeScript and the ESM-only dependencies (xmpp.js,
 * inversify) are transformed to CommonJS by @swc/jest; workspace packages resolve to their sources.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm|@xmpp|@inversifyjs|inversify|ltx|koa-compose|saslmechanisms|oauth4webapi))',
  ],
  moduleNameMapper: {
    '^@switchboard/core$': '<rootDir>/core/src/index.ts',
    '^@switchboard/core/node$': '<rootDir>/core/src/node.ts',
    '^@switchboard/core/transport$': '<rootDir>/core/src/transport.ts',
    '^@switchboard/sasl$': '<rootDir>/sasl/src/index.ts',
    '^@switchboard/xmpp$': '<rootDir>/plugins/xmpp/src/index.ts',
    '^@switchboard/irc$': '<rootDir>/plugins/irc/src/index.ts',
    '^@switchboard/profile-(jabber|messenger|facebook|gtalk|irc|libera)$':
      '<rootDir>/profiles/$1/src/index.ts',
    '^@switchboard/testing$': '<rootDir>/testing/src/index.ts',
    '^@switchboard/testing/property$': '<rootDir>/testing/src/property.ts',
    // The example third-party profile, loaded by package name in its tests.
    '^@acme/switchboard-profile-acme$': '<rootDir>/examples/profile-acme/src/index.ts',
    // The example third-party IRC profile.
    '^@example-net/switchboard-profile$': '<rootDir>/examples/profile-example-net/src/index.ts',
    // The example third-party extension (XEP-0202), imported by name in the doc snippets.
    '^@acme/switchboard-entity-time$': '<rootDir>/examples/extension-entity-time/src/index.ts',
  },
  setupFiles: ['reflect-metadata'],
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

module.exports = {
  // A global option (ignored inside projects): integration tests start real servers, and a loaded
  // 2-core CI machine can take seconds for what takes milliseconds here.
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      // scripts/docs: the doc generators' staleness checks and the doc snippet test.
      testMatch: ['<rootDir>/**/src/**/*.spec.ts', '<rootDir>/scripts/docs/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.int\\.spec\\.ts$'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/src/**/*.int.spec.ts', '<rootDir>/**/test/**/*.int.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    },
  ],
};
