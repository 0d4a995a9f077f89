import * as fs from 'node:fs';
import * as path from 'node:path';

export const COST_SCHEMA = 'https://mapwright.dev/schemas/canonical/cost-transaction.schema.json';
export const TIME_SCHEMA = 'https://mapwright.dev/schemas/canonical/time-entry.schema.json';

const examples = path.resolve(__dirname, '../../../libs/canonical-model/examples');
export const costTransaction = (): Record<string, any> => JSON.parse(fs.readFileSync(path.join(examples, 'cost-transaction.json'), 'utf8'));
export const timeEntry = (): Record<string, any> => JSON.parse(fs.readFileSync(path.join(examples, 'time-entry.json'), 'utf8'));

/** A pass-through CostTransaction mapping whose one test case checks the identity. */
export function costDraft(version: string, riskClass: 'financial' | 'operational' | 'standard', expression = '$') {
  const sample = costTransaction();
  return {
    version,
    manifest: {
      schemaVersion: 2, kind: 'canonical', description: 'Cost transaction normaliser used by the e2e suite', owner: 'e2e',
      riskClass, input: { schema: COST_SCHEMA }, output: { schema: COST_SCHEMA },
    },
    expression,
    tests: [{ name: 'identity keeps the transaction', input: sample, expect: { output: sample } }],
  };
}
