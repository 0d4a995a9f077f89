/**
 * The `mapwright` CLI as a user runs it: a separate Node process, exit codes, stdout and stderr.
 * It runs from source through @swc-node/register, so it never tests a stale build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const repoRoot = resolve(__dirname, '..', '..');
const specsDir = join(repoRoot, 'mapping-specs');

function mapwright(args: string[], stdin?: string) {
  const res = spawnSync(process.execPath, ['-r', '@swc-node/register', join(repoRoot, 'apps', 'cli', 'src', 'main.ts'), ...args], {
    cwd: repoRoot,
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.json'), FORCE_COLOR: '0' },
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const inputOf = (rel: string) => JSON.stringify((parse(readFileSync(join(specsDir, rel), 'utf8')) as { input: unknown }).input);

describe('mapwright CLI (separate process)', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'mw-cli-it-'));
    cpSync(specsDir, join(scratch, 'specs'), { recursive: true });
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('spec lint exits 0 on the shipped specs', () => {
    const r = mapwright(['spec', 'lint']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('no problems');
    expect(r.code).toBe(0);
  });

  it('spec lint on a specs folder outside the checkout still reads the contracts beside the checkout', () => {
    // Nested so that nothing named shared/ sits two levels above the copy.
    const elsewhere = join(scratch, 'deep', 'specs');
    cpSync(specsDir, elsewhere, { recursive: true });
    const r = mapwright(['--specs-dir', elsewhere, 'spec', 'lint', 'harvest-project']);
    expect(r.stdout).not.toContain('MW_SPEC_CONTRACT_MISSING');
    expect(r.stdout).toContain('no problems');
    expect(r.code).toBe(0);
  });

  it('spec lint names file and line of broken YAML and exits 1', () => {
    const file = join(scratch, 'specs', 'xero-credit-note', '1.0.0', 'tests', '02-missing-optional-fields.yaml');
    writeFileSync(file, `name: broken\ninput: {a: 1\nexpect:\n  errorCode: X\n`);
    const r = mapwright(['--specs-dir', join(scratch, 'specs'), 'spec', 'lint', 'xero-credit-note']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/02-missing-optional-fields\.yaml:\d+:\d+ {2}MW_SPEC_YAML_SYNTAX/);
  });

  it('spec test exits 0 when every case passes, without a progress bar on a pipe', () => {
    const r = mapwright(['spec', 'test', 'xero-invoice', '--runs', '5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('8/8 cases passed');
    expect(r.stdout).not.toContain('[');
  });

  it('spec test exits non-zero with a diff when a case fails', () => {
    const file = join(scratch, 'specs', 'xero-manual-journal', '1.0.0', 'tests', '01-invoice-journal.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('AccountCode: \'610\'', 'AccountCode: \'611\''));
    const r = mapwright(['--specs-dir', join(scratch, 'specs'), 'spec', 'test', 'xero-manual-journal@1.0.0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('/JournalLines/0/AccountCode: expected "611" but got "610"');
  });

  it('map prints the mapped JSON on stdout', () => {
    const r = mapwright(['map', '--spec', 'legacy-csv-time-entry@1.0.0', '--input', '-', '--no-pretty'], inputOf('legacy-csv-time-entry/1.0.0/tests/02-days-uk-profile.yaml'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ quantity: { value: '7.50', unit: 'HUR' }, employeeId: 'emp-0042' });
  });

  it('map writes a problem JSON on stderr and exits 2 for bad input', () => {
    const file = join(scratch, 'bad.json');
    writeFileSync(file, '{"RowId": "1", "__proto__": {"polluted": true}}');
    const r = mapwright(['map', '--spec', 'legacy-csv-time-entry', '--input', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const problem = JSON.parse(r.stderr);
    expect(problem).toMatchObject({ code: 'MW_PROTOTYPE_KEY', status: 400, title: expect.any(String), detail: expect.any(String), type: expect.stringMatching(/^https:\/\//) });
    expect(Array.isArray(problem.errors)).toBe(true);
  });
});
