/** Root jest config: every project's specs plus test/ (integration, e2e, fault). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true }, module: { type: 'commonjs' } }];
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swc },
  moduleNameMapper: {
    '^@mapwright/connector-xero$': '<rootDir>/libs/connectors/xero/src/index.ts',
    '^@mapwright/xero-sandbox$': '<rootDir>/tools/xero-sandbox/src/index.ts',
    '^@mapwright/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testMatch: ['<rootDir>/apps/*/src/**/*.spec.ts', '<rootDir>/libs/*/src/**/*.spec.ts', '<rootDir>/test/**/*.test.ts', '<rootDir>/libs/connectors/*/src/**/*.spec.ts', '<rootDir>/tools/*/src/**/*.spec.ts'],
  // NestJS 12 and jose 6 ship ESM only; jest (on Node 20) cannot require(esm), so those packages are compiled like our sources.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose)/)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/designer/'],
  testTimeout: 30000,
};
