// Reads the ESLint RuleTester tests of eslint-plugin-security and prints their cases as JSON:
// [{rule, label: "valid"|"invalid", code, filename, lines}]. The test files are loaded with a
// recording stand-in for ESLint's RuleTester, so no rule is run and no dependency is needed.
// Usage: node eslint-cases.js PACKAGE_DIR
'use strict';

const fs = require('fs');
const path = require('path');
const Module = require('module');

const packageDir = process.argv[2];
if (!packageDir) {
  process.stderr.write('usage: node eslint-cases.js PACKAGE_DIR\n');
  process.exit(2);
}
const testDir = path.join(packageDir, 'test', 'rules');
const cases = [];

class RecordingRuleTester {
  run(rule, _implementation, tests) {
    for (const [label, items] of [['valid', tests.valid || []], ['invalid', tests.invalid || []]]) {
      for (const item of items) {
        const test = typeof item === 'string' ? { code: item } : item;
        const lines = (test.errors || [])
          .map((error) => (typeof error === 'object' && error.line ? error.line : null))
          .filter((line) => line !== null);
        cases.push({ rule, label, code: test.code, filename: test.filename || null, lines });
      }
    }
  }
}

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'eslint') {
    return { RuleTester: RecordingRuleTester };
  }
  // The rule under test and the plugin's helpers: never run, so never loaded.
  if (request.startsWith('../../')) {
    return {};
  }
  return originalLoad.call(this, request, parent, isMain);
};

for (const file of fs.readdirSync(testDir).sort()) {
  if (!file.endsWith('.js')) {
    continue;
  }
  try {
    require(path.resolve(testDir, file));
  } catch (error) {
    process.stderr.write(`eslint-cases: skipped ${file}: ${error.message}\n`);
  }
}
process.stdout.write(JSON.stringify(cases));
