/* global module */
// The real-Odoo suite (npm run test:real-odoo): the whole app against the Odoo at REAL_ODOO_URL. Not part of
// `npm test` (jest.config.js does not match *.real-spec.ts): CI has no Odoo.
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  testMatch: ['<rootDir>/test/real-odoo/**/*.real-spec.ts'],
  testTimeout: 180000,
  // Embedded test apps start from the saved migrated PGlite data dir, as in `npm test`.
  globalSetup: '<rootDir>/test/support/pglite-template.ts',
};
