#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx: no build step between a clone and
// `namnd`, so the CLI can never drift from the add-in's own code.
require("tsx/cjs/api").register();
require("../src/cli/main.ts")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
