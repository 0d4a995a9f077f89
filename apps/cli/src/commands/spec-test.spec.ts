import { Writable } from 'node:stream';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SPECS_DIR } from '../cli-io';
import { captureIo, CONTRACTS_DIR as contractsDir } from '../cli-io.testing';
import { specTest } from './spec-test';

describe('spec test', () => {
  it('runs one spec version and prints each case', async () => {
    const io = captureIo();
    expect(await specTest({ contractsDir, id: 'xero-manual-journal@1.0.0', generated: false }, io)).toBe(0);
    expect(io.out()).toContain('ok    an unbalanced journal is rejected');
    expect(io.out()).toContain('1 spec version, 8/8 cases passed');
  });

  it('--engines both runs every shipped case on the compiled path and the interpreter', async () => {
    const io = captureIo();
    expect(await specTest({ contractsDir, engines: 'both', generated: false }, io)).toBe(0);
    expect(io.out()).toMatch(/spec versions, (\d+)\/\1 cases passed/);
    const bad = captureIo();
    expect(await specTest({ contractsDir, engines: 'fast' as never }, bad)).toBe(1);
    expect(bad.err()).toContain('--engines must be spec or both');
  });

  it('exits 1 with a readable diff when a case fails, and for an unknown spec', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-cli-test-'));
    try {
      cpSync(DEFAULT_SPECS_DIR, dir, { recursive: true });
      const mapping = join(dir, 'xero-credit-note', '1.0.0', 'mapping.jsonata');
      writeFileSync(mapping, readFileSync(mapping, 'utf8').replace('"LineAmountTypes": "Exclusive"', '"LineAmountTypes": "Inclusive"'));
      const io = captureIo();
      expect(await specTest({ specsDir: dir, contractsDir, id: 'xero-credit-note', generated: false }, io)).toBe(1);
      expect(io.out()).toContain('FAIL  a correction credit names the original invoice');
      expect(io.out()).toContain('/LineAmountTypes: expected "Exclusive" but got "Inclusive"');
      const missing = captureIo();
      expect(await specTest({ specsDir: dir, contractsDir, id: 'nope' }, missing)).toBe(1);
      expect(missing.err()).toContain('spec nope not found');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows a progress bar instead of per-case lines on a terminal', async () => {
    const frames: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, next) {
        frames.push(String(chunk));
        next();
      },
    });
    // cli-progress draws only on streams that say they are terminals.
    Object.assign(stream, { isTTY: true, columns: 100 });
    const io = { ...captureIo({ isTTY: true }), progressStream: stream };
    expect(await specTest({ contractsDir, id: 'xero-credit-note', generated: false }, io)).toBe(0);
    expect(frames.join('')).toContain('7/7');
    expect(io.out()).not.toContain('ok    ');
    expect(io.out()).toContain('7/7 cases passed');
  });
});
