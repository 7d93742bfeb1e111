// Unit specs sit next to their code; integration specs run the whole app against real
// PostgreSQL/Redis (when DATABASE_URL/REDIS_URL are set) and the Odoo simulator over HTTP.
const swc = ['@swc/jest', JSON.parse(require('fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'))];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/odoo-sim/**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/test/integration/**/*.integration-spec.ts'],
      testTimeout: 60000,
    },
  ],
};
