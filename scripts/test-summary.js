#!/usr/bin/env node
/** Closes `npm test` with the counts of every kind and one plain "N passed, N failed" line. */
const fs = require("fs");
const path = require("path");

const dir = path.join(__dirname, "..", "test-results");
const kinds = ["unit", "integration", "browser", "libreoffice"];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const kind of kinds) {
  const file = path.join(dir, `summary-${kind}.json`);
  if (!fs.existsSync(file)) {
    console.log(`${kind}: no results`);
    failed++;
    continue;
  }
  const c = JSON.parse(fs.readFileSync(file, "utf8"));
  console.log(
    `${kind}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped (${c.seconds.toFixed(0)} s)`,
  );
  passed += c.passed;
  failed += c.failed;
  skipped += c.skipped;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
