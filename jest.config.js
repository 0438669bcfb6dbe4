/** Jest in native ESM mode (Probot 14 is ESM-only); ts-jest compiles with the test tsconfig. */
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/setup/nock-isolation.ts"],
  moduleNameMapper: {
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  transform: {
    "^.+\\.ts$": [
      "ts-jest",
      { useESM: true, tsconfig: "test/tsconfig.json", diagnostics: { ignoreCodes: ["TS151001"] } },
    ],
  },
  // Most of the suite's time is spent waiting (servers, retries, leases, settle delays), not computing: three
  // workers overlap those waits on a 2-core machine, where Jest's default (cores - 1) would run one file at a time.
  maxWorkers: 3,
  // Quiet when green: failing files print in full, passing ones print nothing; one line per skipped group.
  reporters: ["<rootDir>/test/setup/quiet-reporter.js", "summary"],
  testTimeout: 30000,
};
