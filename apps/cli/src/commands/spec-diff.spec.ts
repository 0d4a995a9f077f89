import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SPECS_DIR } from '../cli-io';
import { captureIo, CONTRACTS_DIR as contractsDir } from '../cli-io.testing';
import { runCli } from '../program';
import { specDiff } from './spec-diff';

describe('spec diff', () => {
  it('shows no changes between a version and itself, on the test inputs by default', async () => {
    const io = captureIo();
    expect(await specDiff({ contractsDir, before: 'xero-invoice@1.0.0', after: 'xero-invoice@1.0.0' }, io)).toBe(0);
    expect(io.out()).toContain('8 samples: 6 unchanged, 0 changed');
  });

  it('lists changed fields per sample for a modified copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-cli-diff-'));
    try {
      cpSync(DEFAULT_SPECS_DIR, dir, { recursive: true });
      cpSync(join(dir, 'xero-manual-journal', '1.0.0'), join(dir, 'xero-manual-journal', '1.1.0'), { recursive: true });
      const v = join(dir, 'xero-manual-journal', '1.1.0');
      writeFileSync(join(v, 'spec.yaml'), readFileSync(join(v, 'spec.yaml'), 'utf8').replace('version: 1.0.0', 'version: 1.1.0'));
      writeFileSync(join(v, 'mapping.jsonata'), readFileSync(join(v, 'mapping.jsonata'), 'utf8').replace('"Narration": description', '"Narration": "[Mapwright] " & description'));
      const io = captureIo();
      expect(await runCli(['--specs-dir', dir, '--contracts-dir', contractsDir, 'spec', 'diff', 'xero-manual-journal@1.0.0', 'xero-manual-journal@1.1.0'], io)).toBe(0);
      expect(io.out()).toContain('~ /Narration: "Invoice UK-INV-000123 to Acme Manufacturing plc" -> "[Mapwright] Invoice UK-INV-000123 to Acme Manufacturing plc"');
      expect(io.out()).toMatch(/\/Narration {2}~5/);
      const json = captureIo();
      await specDiff({ specsDir: dir, contractsDir, before: 'xero-manual-journal@1.0.0', after: 'xero-manual-journal@1.1.0', json: true }, json);
      expect(JSON.parse(json.out()).summary).toMatchObject({ samples: 8, changed: 5, bothFailed: 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
