import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Used by this library's specs only: a scratch copy of the shipped catalog that a test may break. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const SHIPPED_SPECS_DIR = join(REPO_ROOT, 'mapping-specs');
export const CONTRACTS_DIR = resolve(REPO_ROOT, '..', 'shared', 'contracts');

export interface ScratchCatalog {
  dir: string;
  path(...parts: string[]): string;
  write(rel: string, text: string): void;
  edit(rel: string, change: (text: string) => string): void;
  copy(fromRel: string, toRel: string): void;
  remove(): void;
}

export function scratchCatalog(): ScratchCatalog {
  const dir = mkdtempSync(join(tmpdir(), 'mw-specs-'));
  cpSync(SHIPPED_SPECS_DIR, dir, { recursive: true });
  const path = (...parts: string[]) => join(dir, ...parts);
  return {
    dir,
    path,
    write: (rel, text) => writeFileSync(path(rel), text),
    edit: (rel, change) => writeFileSync(path(rel), change(readFileSync(path(rel), 'utf8'))),
    copy: (fromRel, toRel) => cpSync(path(fromRel), path(toRel), { recursive: true }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
