// Unit specs sit next to their code; integration specs run the whole app against real
// PostgreSQL/Redis (when DATABASE_URL/REDIS_URL are set) and the Odoo simulator over HTTP.
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
  ],
};
