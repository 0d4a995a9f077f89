import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { detail, useFakeWorkspace, WithSession } from '../../../test-support/fake-workspace';
import type { SpecWorkspace } from '../../specs/hooks/useSpecWorkspace';
import { ReferenceDataScreen } from './ReferenceDataScreen';
import { RoutingRulesScreen } from './RoutingRulesScreen';

const REFERENCE = { tables: { 'xero-tax-type': { id: 'xero-tax-type', rows: [{ key: 'tc-gb-vat-std', value: 'OUTPUT2' }] } }, uomProfiles: {}, defaultUomProfile: 'standard-8h' };
const ROUTES = [{ id: 'us-to-xero-us', priority: 20, when: 'legalEntityId = "le-us"', destination: { system: 'xero', connectionId: 'xero-us' } }];

let seen: SpecWorkspace | undefined;

function Harness({ data, status, which }: { data: unknown; status: 'DRAFT' | 'PUBLISHED'; which: 'reference' | 'routing' }) {
  const d = detail('', status);
  const ws = useFakeWorkspace({ ...d, content: { ...d.content, data } });
  seen = ws;
  return which === 'reference' ? <ReferenceDataScreen ws={ws} /> : <RoutingRulesScreen ws={ws} />;
}

const renderAs = (role: 'architect' | 'operator', which: 'reference' | 'routing', data: unknown, status: 'DRAFT' | 'PUBLISHED' = 'DRAFT') =>
  render(<WithSession user={role === 'architect' ? 'alice' : 'dave'} role={role}><Harness data={data} status={status} which={which} /></WithSession>);

describe('rule screens', () => {
  it('tax rules added on the reference-data screen land in the draft beside the value maps', () => {
    renderAs('architect', 'reference', REFERENCE);
    fireEvent.click(screen.getByRole('button', { name: /^Tax rules/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    const cell = (label: string, value: string) => fireEvent.change(screen.getByLabelText(`${label} of tax rule 1`), { target: { value } });
    cell('Rule id', 'tr-au-gst');
    cell('Version', '1');
    cell('Name', 'AU GST');
    cell('Priority', '10');
    cell('Valid from', '2025-07-01');
    cell('Customer country', 'AU');
    cell('Tax code', 'tc-au-gst');
    cell('Rate %', '10');
    fireEvent.click(screen.getByRole('button', { name: 'Apply to draft' }));
    expect(seen?.data).toEqual({
      ...REFERENCE,
      taxRules: [{ id: 'tr-au-gst', externalRefs: [], name: 'AU GST', version: 1, priority: 10, effectivePeriod: { validFrom: '2025-07-01' }, customerCountry: 'AU', taxCodeId: 'tc-au-gst', rate: '10', calculation: 'exclusive', rounding: 'perLine', roundingMode: 'halfUp' }],
    });
    expect(seen?.dirty).toBe(true);
  });

  it('routing rules are edited in the routing spec\'s draft', () => {
    renderAs('architect', 'routing', ROUTES);
    fireEvent.change(screen.getByLabelText('Priority of routing rule 1'), { target: { value: '15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply to draft' }));
    expect(seen?.data).toEqual([{ ...ROUTES[0], priority: 15 }]);
  });

  it('an operator sees the routing rules read-only and is told why', () => {
    renderAs('operator', 'routing', ROUTES, 'PUBLISHED');
    expect((screen.getByLabelText('Rule id of routing rule 1') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getAllByRole('note').map((n) => n.textContent).join(' ')).toContain('can edit mappings; dave is signed in as operator.');
    expect((screen.getByRole('button', { name: 'Apply to draft' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
