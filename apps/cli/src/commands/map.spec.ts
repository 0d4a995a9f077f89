import { captureIo, CONTRACTS_DIR as contractsDir, caseInput } from '../cli-io.testing';
import { runCli } from '../program';
import { mapCommand } from './map';

describe('map', () => {
  it('prints the output JSON for a good input from stdin', async () => {
    const io = captureIo({ stdin: JSON.stringify(caseInput('xero-projects-time-entry/1.0.0/tests/01-twenty-minutes.yaml')) });
    expect(await mapCommand({ contractsDir, spec: 'xero-projects-time-entry@1.0.0', input: '-', bindings: '{"legalEntityId":"le-uk"}' }, io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ quantity: { value: '0.3333', unit: 'HUR' }, legalEntityId: 'le-uk' });
    expect(io.err()).toBe('');
  });

  it('writes a problem JSON and exits 2 for input the contract rejects', async () => {
    const input = { ...(caseInput('harvest-time-entry/1.0.0/tests/01-billable-hours-rounded.yaml') as object), hours: 'lots' };
    const io = captureIo({ stdin: JSON.stringify(input) });
    expect(await mapCommand({ contractsDir, spec: 'harvest-time-entry', input: '-' }, io)).toBe(2);
    expect(io.out()).toBe('');
    const problem = JSON.parse(io.err());
    expect(problem).toMatchObject({ status: 400, code: 'MW_INPUT_SCHEMA', specId: 'harvest-time-entry', type: 'https://mapwright.dev/problems/mw-input-schema' });
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: '/hours' })]));
  });

  it('applies input hygiene before mapping, and reports unknown specs as 404 problems', async () => {
    const dup = captureIo({ stdin: '{"id": 1, "id": 2}' });
    expect(await mapCommand({ contractsDir, spec: 'harvest-time-entry', input: '-' }, dup)).toBe(2);
    expect(JSON.parse(dup.err())).toMatchObject({ code: 'MW_DUPLICATE_KEY', status: 400 });
    const none = captureIo({ stdin: '{}' });
    expect(await mapCommand({ contractsDir, spec: 'harvest-time-entry@9.9.9', input: '-' }, none)).toBe(2);
    expect(JSON.parse(none.err())).toMatchObject({ code: 'MW_SPEC_NOT_FOUND', status: 404 });
  });

  it('reports a rejected record as a 422 problem with the mapping error code', async () => {
    const input = { ...(caseInput('harvest-time-entry/1.0.0/tests/01-billable-hours-rounded.yaml') as object), task: { id: 1, name: 'Gardening' } };
    const io = captureIo({ stdin: JSON.stringify(input) });
    expect(await runCli(['--contracts-dir', contractsDir, 'map', '--spec', 'harvest-time-entry', '--input', '-'], io)).toBe(2);
    expect(JSON.parse(io.err())).toMatchObject({ code: 'MW_XREF_MISS', status: 422, title: 'Value-map lookup found no value' });
  });
});
