import { MappingEngine } from '../engine/mapping-engine';
import fc from 'fast-check';
import type { ReferenceData, ValueMapRow, ValueMapTable } from '../types';
import { lookupXref } from './xref.functions';

const reference: ReferenceData = {
  tables: {
    'cost-centre': {
      id: 'cost-centre',
      rows: [
        { key: 'ENG', value: 'CC-100', validTo: '2024-07-01' },
        { key: 'ENG', value: 'CC-200', validFrom: '2024-07-01' },
        { key: 'OPS', value: 'CC-300', validFrom: '2024-01-01', validTo: '2025-01-01' },
        { key: '42', value: 'numeric key' },
      ],
    },
    'tax-code': { id: 'tax-code', default: 'STANDARD', rows: [{ key: 'zero', value: 'ZERO-RATED' }] },
  },
  uomProfiles: {},
  defaultUomProfile: 'standard-8h',
};

describe('$xref effective-dated lookups', () => {
  const engine = new MappingEngine({ reference });
  const spec = { id: 'xref', version: '1.0.0', expression: '$xref(table, key, asOf)' };
  const lookup = (table: string, key: unknown, asOf?: string, runAsOf?: string) =>
    engine.run(spec, { table, key, asOf }, runAsOf ? { asOf: runAsOf } : { now: '2024-09-01T12:00:00Z' });

  it('picks the row in force on the as-of date (validFrom inclusive, validTo exclusive)', async () => {
    expect(await lookup('cost-centre', 'ENG', '2024-06-30')).toMatchObject({ ok: true, output: 'CC-100' });
    expect(await lookup('cost-centre', 'ENG', '2024-07-01')).toMatchObject({ ok: true, output: 'CC-200' });
    expect(await lookup('cost-centre', 'ENG', '2024-07-01T09:30:00Z')).toMatchObject({ ok: true, output: 'CC-200' });
  });

  it('defaults the as-of date to RunOptions.asOf, else the date of the pinned now', async () => {
    expect(await lookup('cost-centre', 'ENG', undefined, '2023-01-01')).toMatchObject({ ok: true, output: 'CC-100' });
    expect(await lookup('cost-centre', 'ENG')).toMatchObject({ ok: true, output: 'CC-200' });
  });

  it('falls back to the table default, else fails with MW_XREF_MISS', async () => {
    expect(await lookup('tax-code', 'exempt')).toMatchObject({ ok: true, output: 'STANDARD' });
    expect(await lookup('tax-code', 'zero')).toMatchObject({ ok: true, output: 'ZERO-RATED' });
    expect(await lookup('cost-centre', 'OPS', '2025-01-01')).toMatchObject({ ok: false, error: { code: 'MW_XREF_MISS', specId: 'xref' } });
    expect(await lookup('cost-centre', 'HR', '2024-01-01')).toMatchObject({ ok: false, error: { code: 'MW_XREF_MISS' } });
    expect(await lookup('no-such-table', 'ENG', '2024-01-01')).toMatchObject({ ok: false, error: { code: 'MW_XREF_MISS' } });
  });

  it('matches numeric keys by their text and leaves a missing key undefined', async () => {
    expect(await lookup('cost-centre', 42, '2024-01-01')).toMatchObject({ ok: true, output: 'numeric key' });
    const missing = await engine.run(spec, { table: 'cost-centre' });
    expect(missing).toMatchObject({ ok: true, output: undefined });
  });

  it('sees reference data swapped with setReferenceData', async () => {
    const local = new MappingEngine({ reference });
    local.setReferenceData({ ...reference, tables: { 'tax-code': { id: 'tax-code', default: 'REDUCED', rows: [] } } });
    expect(await local.run(spec, { table: 'tax-code', key: 'x', asOf: '2024-01-01' })).toMatchObject({ ok: true, output: 'REDUCED' });
  });
});

describe('$xref index', () => {
  /** The lookup as specified, row by row in table order. */
  function linear(table: ValueMapTable, key: string, day: string): unknown {
    const dateOf = (v: string | undefined) => (v !== undefined && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined);
    let best: ValueMapRow | undefined;
    for (const row of table.rows) {
      if (row.key !== key) continue;
      const from = row.validFrom === undefined ? undefined : dateOf(row.validFrom);
      const to = row.validTo === undefined ? undefined : dateOf(row.validTo);
      if (!((from === undefined || from <= day) && (to === undefined || day < to))) continue;
      if (!best || (row.validFrom ?? '') > (best.validFrom ?? '')) best = row;
    }
    return best ? best.value : table.default;
  }
  const day = fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10));
  const bound = fc.oneof(fc.constant(undefined), day, day.map((d) => `${d}T12:00:00Z`), fc.constantFrom('', 'soon', '2024-1-1'));
  const row = fc.record({ key: fc.constantFrom('A', 'B', 'C'), value: fc.integer(), validFrom: bound, validTo: bound }).map((r) => {
    const out: ValueMapRow = { key: r.key, value: r.value };
    if (r.validFrom !== undefined) out.validFrom = r.validFrom;
    if (r.validTo !== undefined) out.validTo = r.validTo;
    return out;
  });

  it('finds the row the specified lookup finds, for plain dates, instants, open and malformed bounds', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.constantFrom('A', 'B', 'C', 'D'), day, (rows, key, asOf) => {
        const table: ValueMapTable = { id: 't', default: 'DEFAULT', rows };
        const ref: ReferenceData = { tables: { t: table }, uomProfiles: {}, defaultUomProfile: 'x' };
        expect(lookupXref(ref, 't', key, asOf)).toBe(linear(table, key, asOf));
        expect(lookupXref(ref, 't', key, `${asOf}T23:59:59Z`)).toBe(linear(table, key, asOf));
      }),
      { numRuns: 1500 },
    );
  });
});
