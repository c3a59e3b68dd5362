/** Four projects so each kind of test can be run (and fail) on its own. */
const tsJest = { "^.+\\.tsx?$": ["ts-jest", { diagnostics: false }] };
const common = {
  transform: tsJest,
  testEnvironment: "node",
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
};
module.exports = {
  reporters: ["default", "<rootDir>/tests/support/summaryReporter.js"],
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/tests/unit/**/*.test.ts"] },
    { ...common, displayName: "integration", testMatch: ["<rootDir>/tests/integration/**/*.test.ts"] },
    { ...common, displayName: "browser", testMatch: ["<rootDir>/tests/browser/**/*.test.ts"] },
    { ...common, displayName: "libreoffice", testMatch: ["<rootDir>/tests/libreoffice/**/*.test.ts"] },
  ],
};
