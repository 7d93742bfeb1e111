// Unit specs sit next to their code; integration specs run the whole app against real
// PostgreSQL/Redis (when DATABASE_URL/REDIS_URL are set) and the Odoo simulator over HTTP.
const swcrc = JSON.parse(require('fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const ts = ['@swc/jest', swcrc];
// PGlite's CommonJS build loads Node built-ins with import(), which Jest's VM cannot run without
// --experimental-vm-modules; compiling it to require() keeps `npx jest` working as is.
const cjs = ['@swc/jest', { ...swcrc, jsc: { ...swcrc.jsc, parser: { syntax: 'ecmascript' } } }];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ts, '@electric-sql/pglite/dist/.+\\.cjs$': cjs },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
  moduleFileExtensions: ['ts', 'js', 'cjs', 'json'],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/odoo-sim/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.integration-spec.ts'],
    },
  ],
};
