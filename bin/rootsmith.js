#!/usr/bin/env node
'use strict';
// Entry point of the `rootsmith` command; the compiled CLI lives in dist/ (built by `npm run setup` or `npm run build`).
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'app', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('rootsmith: not built yet. Run `npm run setup` (or `npm run build`) in the project first. [NOT_BUILT]\n');
  process.exit(1);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
