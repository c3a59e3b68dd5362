/**
 * A jest reporter that records each run's counts per project kind in test-results/, so
 * `npm test` can close with one plain line for all four kinds (scripts/test-summary.js).
 */
const fs = require("fs");
const path = require("path");

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const kinds = {};
    for (const suite of results.testResults) {
      const kind = suite.displayName?.name ?? "tests";
      kinds[kind] ??= { passed: 0, failed: 0, skipped: 0 };
      kinds[kind].passed += suite.numPassingTests;
      kinds[kind].failed += suite.numFailingTests;
      kinds[kind].skipped += suite.numPendingTests + suite.numTodoTests;
    }
    const dir = path.join(__dirname, "..", "..", "test-results");
    fs.mkdirSync(dir, { recursive: true });
    for (const [kind, counts] of Object.entries(kinds)) {
      const seconds = (Date.now() - results.startTime) / 1000;
      fs.writeFileSync(path.join(dir, `summary-${kind}.json`), JSON.stringify({ ...counts, seconds }));
    }
  }
}

module.exports = SummaryReporter;
