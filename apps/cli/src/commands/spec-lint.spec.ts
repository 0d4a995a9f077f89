import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SPECS_DIR } from '../cli-io';
import { captureIo, CONTRACTS_DIR as contractsDir } from '../cli-io.testing';
import { specLint } from './spec-lint';

describe('spec lint', () => {
  it('passes on the shipped specs', async () => {
    const io = captureIo();
    expect(await specLint({ contractsDir }, io)).toBe(0);
    expect(io.out()).toContain('no problems');
  });

  it('prints file:line and exits 1 for a broken copy, only for the named spec', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-cli-lint-'));
    try {
      cpSync(DEFAULT_SPECS_DIR, dir, { recursive: true });
      const file = join(dir, 'xero-invoice', '1.0.0', 'spec.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('kind: outbound', 'kind: outbound\nkind: inbound'));
      const io = captureIo({ cwd: dir });
      expect(await specLint({ specsDir: dir, contractsDir }, io)).toBe(1);
      expect(io.out()).toMatch(/^xero-invoice\/1\.0\.0\/spec\.yaml:5:1 {2}MW_SPEC_YAML_SYNTAX/m);
      expect(await specLint({ specsDir: dir, contractsDir, id: 'harvest-time-entry' }, captureIo())).toBe(0);
      const json = captureIo();
      await specLint({ specsDir: dir, contractsDir, json: true }, json);
      expect(JSON.parse(json.out()).problems[0]).toMatchObject({ code: 'MW_SPEC_YAML_SYNTAX', line: 5 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
