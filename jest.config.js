// Unit specs sit next to their code; integration specs run the whole app and the Odoo simulator over HTTP, on the
// embedded defaults (PGlite, in-process cache) or on PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set. Services
// specs (*.services-spec.ts: several instances sharing a database, row locks, Redis itself) need PostgreSQL and
// Redis and run on their own: `npm run test:services`.
// ts-jest transpiles each file on its own (isolatedModules): typechecking is `npm run typecheck`.
const ts = ['ts-jest', { isolatedModules: true }];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ts },
};

module.exports = {
  // A limit for a test that hangs, not a measure of speed: on a loaded 2-core machine an app boot alone took a minute.
  testTimeout: 180_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/odoo-sim/**/*.spec.ts', '<rootDir>/test/bench/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.integration-spec.ts'],
      // Saves the migrated PGlite data dir every embedded test app starts from (test/support/pglite-template.ts).
      globalSetup: '<rootDir>/test/support/pglite-template.ts',
    },
    {
      // A real Chromium (Debian's /usr/bin/chromium) driving the operator console: `npm run test:browser`.
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/pglite-template.ts',
    },
    {
      ...common,
      displayName: 'services',
      testMatch: ['<rootDir>/test/integration/**/*.services-spec.ts'],
      setupFiles: ['<rootDir>/test/support/services-setup.ts'],
    },
  ],
};
