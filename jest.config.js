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
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "test/tsconfig.json", diagnostics: { ignoreCodes: ["TS151001"] } }],
  },
  testTimeout: 30000,
};
