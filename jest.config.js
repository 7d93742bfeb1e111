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
  testTimeout: 60000,
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
    },
    {
      ...common,
      displayName: 'services',
      testMatch: ['<rootDir>/test/integration/**/*.services-spec.ts'],
      setupFiles: ['<rootDir>/test/support/services-setup.ts'],
    },
  ],
};
