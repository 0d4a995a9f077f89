import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { captureIo } from '../cli-io.testing';
import { DEFAULT_SPECS_DIR } from '../cli-io';
import { runCli } from '../program';
import { simulateCommand } from './simulate';

const scenarioDir = resolve(DEFAULT_SPECS_DIR, 'scenarios', 'tm-exclusive-per-line');

describe('simulate', () => {
  it('prints the result JSON of a scenario file and exits 0', async () => {
    const io = captureIo();
    expect(await runCli(['simulate', join(scenarioDir, 'scenario.yaml')], io)).toBe(0);
    expect(io.err()).toBe('');
    const result = JSON.parse(io.out());
    expect(result).toEqual(JSON.parse(readFileSync(join(scenarioDir, 'expected.json'), 'utf8')));
    expect(result.invoices[0]).toMatchObject({ invoiceNumber: 'US-INV-000001', total: { amount: '2343.61', currency: 'USD' } });
  });

  it('reads a scenario folder or stdin, and prints only the totals with --totals', async () => {
    const folder = captureIo();
    expect(await simulateCommand({ scenario: scenarioDir, totals: true }, folder)).toBe(0);
    expect(JSON.parse(folder.out())).toMatchObject({ invoices: { count: 1, byCurrency: { USD: { total: '2343.61' } } } });
    const stdin = captureIo({ stdin: readFileSync(join(scenarioDir, 'scenario.yaml'), 'utf8') });
    expect(await simulateCommand({ scenario: '-', totals: true }, stdin)).toBe(0);
    expect(stdin.out()).toBe(folder.out());
  });

  it('writes a problem JSON with coded pointers and exits 2 for a bad scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-sim-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, id: 'bad', description: 'x', masterData: {}, events: [{ type: 'billingRun', legalEntityId: 'le-1' }] }));
    const io = captureIo();
    expect(await runCli(['simulate', file], io)).toBe(2);
    expect(io.out()).toBe('');
    const problem = JSON.parse(io.err());
    expect(problem).toMatchObject({ status: 400, code: 'SCENARIO_INVALID', type: 'https://mapwright.dev/problems/scenario-invalid' });
    expect(problem.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'SCENARIO_SCHEMA', pointer: '/events/0/periodEnd' }),
      expect.objectContaining({ code: 'SCENARIO_SCHEMA', pointer: '/masterData/legalEntities' }),
    ]));
  });

  it('exits 2 with a problem for a file that cannot be read or parsed', async () => {
    const missing = captureIo();
    expect(await simulateCommand({ scenario: 'no/such/scenario.yaml' }, missing)).toBe(2);
    expect(JSON.parse(missing.err())).toMatchObject({ code: 'SCENARIO_UNREADABLE', status: 400 });
    const garbled = captureIo({ stdin: 'events: [unclosed' });
    expect(await simulateCommand({ scenario: '-' }, garbled)).toBe(2);
    expect(JSON.parse(garbled.err())).toMatchObject({ code: 'SCENARIO_PARSE', status: 400 });
  });
});

describe('scenario test', () => {
  it('runs every golden scenario and exits 0 when all match', async () => {
    const io = captureIo();
    expect(await runCli(['scenario', 'test'], io)).toBe(0);
    expect(io.out()).toContain('  ok    tm-exclusive-per-line\n');
    expect(io.out()).toMatch(/(\d+) of \1 scenarios match their expected output/);
  });

  it('exits 1 with a per-field diff when a scenario no longer matches', async () => {
    const specsDir = mkdtempSync(join(tmpdir(), 'mw-golden-'));
    const dir = join(specsDir, 'scenarios', 'tm');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(scenarioDir, 'scenario.yaml'), join(dir, 'scenario.yaml'));
    const expected = JSON.parse(readFileSync(join(scenarioDir, 'expected.json'), 'utf8'));
    expected.totals.net.USD.total = '9999.99';
    writeFileSync(join(dir, 'expected.json'), JSON.stringify(expected));
    const io = captureIo();
    expect(await runCli(['--specs-dir', specsDir, 'scenario', 'test', '--json'], io)).toBe(1);
    expect(JSON.parse(io.out()).results).toEqual([{ name: 'tm', passed: false, diff: '/totals/net/USD/total: expected "9999.99" but got "2343.61"' }]);
  });
});
