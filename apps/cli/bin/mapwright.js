#!/usr/bin/env node
'use strict';
// Runs the built CLI. Inside a checkout it first rebuilds the backend packages when any source file is newer
// than the CLI build, so `npx mapwright` never runs stale code after an edit or a pull.
const path = require('node:path');
const fs = require('node:fs');

const cliRoot = path.join(__dirname, '..');
const repoRoot = path.join(cliRoot, '..', '..');
const main = path.join(cliRoot, 'dist', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop();
    let entries;
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

function sourceRoots() {
  const roots = [path.join(cliRoot, 'src'), path.join(repoRoot, 'apps', 'runtime', 'src')];
  for (const group of ['libs', path.join('libs', 'connectors'), 'tools']) {
    const base = path.join(repoRoot, group);
    if (!fs.existsSync(base)) continue;
    for (const name of fs.readdirSync(base)) {
      for (const sub of ['src', 'schemas']) {
        const candidate = path.join(base, name, sub);
        if (fs.existsSync(candidate)) roots.push(candidate);
      }
    }
  }
  return roots;
}

function isStale() {
  if (!fs.existsSync(main)) return true;
  if (!fs.existsSync(path.join(repoRoot, 'nx.json'))) return false;
  const built = fs.statSync(main).mtimeMs;
  return sourceRoots().some((root) => newestMtime(root) > built);
}

if (isStale()) {
  const { execFileSync } = require('node:child_process');
  const nx = path.join(repoRoot, 'node_modules', '.bin', 'nx');
  execFileSync(nx, ['run-many', '-t', 'build', '--exclude', 'designer', '--skip-nx-cache', '--outputStyle=static'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  // Touch the entry so the next run sees a fresh build even when swc left the file byte-identical.
  const now = new Date();
  fs.utimesSync(main, now, now);
}
require(main);
