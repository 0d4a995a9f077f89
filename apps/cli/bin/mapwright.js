#!/usr/bin/env node
'use strict';
// Runs the built CLI; builds the workspace first when it has not been built yet.
const path = require('node:path');
const fs = require('node:fs');
const main = path.join(__dirname, '..', 'dist', 'main.js');
if (!fs.existsSync(main)) {
  const { execSync } = require('node:child_process');
  execSync('npm run build --silent', { cwd: path.join(__dirname, '..', '..', '..'), stdio: ['ignore', 'ignore', 'inherit'] });
}
require(main);
