import { mkdirSync, writeFileSync } from 'node:fs';
import { MappingEngine } from '@mapwright/mapping-engine';
import { findSpec, loadSpecCatalog } from './catalog-loader';
import { CONTRACTS_DIR, scratchCatalog } from './catalog-fixture.testing';
import { loadSpecSamples } from './sample-loader';
import { diffSpecOutputs, samplesFromTests } from './spec-diff';
import type { LoadedSpecVersion } from './types';

describe('diffSpecOutputs', () => {
  const cat = scratchCatalog();
  afterAll(() => cat.remove());
  // 1.1.0 sends DRAFT instead of AUTHORISED and drops the Reference: two fields on every sample.
  cat.copy('xero-invoice/1.0.0', 'xero-invoice/1.1.0');
  cat.edit('xero-invoice/1.1.0/spec.yaml', (t) => t.replace('version: 1.0.0', 'version: 1.1.0'));
  cat.edit('xero-invoice/1.1.0/mapping.jsonata', (t) => t.replace(': "AUTHORISED"', ': "DRAFT"').replace('"Reference": purchaseOrderNumber,', ''));
  const catalog = loadSpecCatalog(cat.dir, { contractsDir: CONTRACTS_DIR });
  const engine = new MappingEngine({ reference: catalog.reference });
  const a = findSpec(catalog, 'xero-invoice', '1.0.0') as LoadedSpecVersion;
  const b = findSpec(catalog, 'xero-invoice', '1.1.0') as LoadedSpecVersion;

  it('lists per sample the fields that change, with before and after', async () => {
    expect(catalog.problems).toEqual([]);
    const report = await diffSpecOutputs(engine, a, b, samplesFromTests(a, b));
    const gbp = report.samples.find((s) => s.name.startsWith('a GBP invoice'));
    expect(gbp?.status).toBe('changed');
    expect(gbp?.changes).toEqual([
      { pointer: '/Reference', kind: 'removed', before: 'PO-88231' },
      { pointer: '/Status', kind: 'changed', before: 'AUTHORISED', after: 'DRAFT' },
    ]);
    // The AUD sample binds its own status, so only the Reference goes.
    expect(report.samples.find((s) => s.name.includes('AUD'))?.changes.map((c) => c.pointer)).toEqual(['/Reference']);
    expect(report.samples.find((s) => s.name.includes('MW_XREF_MISS'))?.status).toBe('both-failed');
  });

  it('summarises how many samples each field changed in', async () => {
    const report = await diffSpecOutputs(engine, a, b, samplesFromTests(a));
    expect(report.summary).toMatchObject({ samples: 8, changed: 6, unchanged: 0, bothFailed: 2, errorChanged: 0 });
    expect(report.summary.fields['/Status']).toEqual({ added: 0, removed: 0, changed: 5 });
    expect(report.summary.fields['/Reference']).toEqual({ added: 0, removed: 4, changed: 0 });
  });

  it('reports no changes between identical versions, and outcome changes when one side fails', async () => {
    const same = await diffSpecOutputs(engine, a, a, samplesFromTests(a));
    expect(same.summary.changed).toBe(0);
    const failing = { ...b, executable: { ...b.executable, expression: '$error("refused")' } };
    const report = await diffSpecOutputs(engine, a, failing, samplesFromTests(a).slice(0, 1));
    expect(report.samples[0]).toMatchObject({ status: 'error-changed', errorAfter: { code: 'D3137' } });
  });

  it('reads samples from a folder of JSON inputs and YAML cases', () => {
    const dir = cat.path('samples');
    mkdirSync(dir);
    writeFileSync(`${dir}/one.json`, JSON.stringify({ x: 1 }));
    writeFileSync(`${dir}/two.yaml`, 'name: second\ninput: { y: 2 }\nbindings: { status: DRAFT }\n');
    expect(loadSpecSamples(dir)).toEqual([
      { name: 'one', input: { x: 1 } },
      { name: 'second', input: { y: 2 }, bindings: { status: 'DRAFT' } },
    ]);
    expect(() => loadSpecSamples(cat.path('missing'))).toThrow(expect.objectContaining({ code: 'MW_SAMPLES_UNREADABLE' }));
  });
});
