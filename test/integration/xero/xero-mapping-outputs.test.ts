import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { XeroSandbox } from '@mapwright/xero-sandbox';
import { XeroWriteActionName } from '@mapwright/connector-xero';
import { connectTo, meta, startSandbox } from './xero-sandbox.fixture';

/**
 * What the shipped outbound mappings promise to produce must be what Xero's contract and ledger
 * accept: every expected output in their test cases is delivered to the sandbox.
 */
const SPECS: Array<{ spec: string; action: XeroWriteActionName; docType: string }> = [
  { spec: 'xero-invoice', action: 'createInvoice', docType: 'invoice' },
  { spec: 'xero-credit-note', action: 'createCreditNote', docType: 'credit-note' },
  { spec: 'xero-manual-journal', action: 'createManualJournal', docType: 'manual-journal' },
];

const root = path.resolve(__dirname, '..', '..', '..', 'mapping-specs');
const cases = SPECS.flatMap(({ spec, action, docType }) => {
  const dir = path.join(root, spec, '1.0.0', 'tests');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => ({ name: `${spec}/${file}`, action, docType, testCase: parseYaml(readFileSync(path.join(dir, file), 'utf8')) }))
    .filter(({ testCase }) => testCase.expect?.output !== undefined);
});

describe('shipped Xero mapping outputs against the sandbox', () => {
  let sandbox: XeroSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('has mapping outputs to check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s is accepted', async (_name, { action, docType, testCase }) => {
    const { connector } = connectTo(sandbox);
    const record = await connector.deliver({ action, meta: meta(`doc-${docType}`, 1, docType), payload: testCase.expect.output });
    expect(record.error).toBeUndefined();
    expect(record.state).toBe('CONFIRMED');
    expect(sandbox.documents()).toHaveLength(1);
  });
});
