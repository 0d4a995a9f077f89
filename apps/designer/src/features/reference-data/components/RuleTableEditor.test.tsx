import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ROUTING_RULES, RoutingRule } from '../model/routing-rules';
import { TAX_RULES, TaxRule } from '../model/tax-rules';
import { RuleTableEditor } from './RuleTableEditor';

const UK: TaxRule = {
  id: 'tr-uk-standard', externalRefs: [{ system: 'erp', id: 'X1' }], name: 'UK services', version: 1, priority: 10,
  effectivePeriod: { validFrom: '2025-01-01' }, legalEntityId: 'le-uk', taxCodeId: 'tc-uk-vat20', rate: '20',
  calculation: 'exclusive', rounding: 'perLine', roundingMode: 'halfUp',
};
const ROUTE: RoutingRule = { id: 'us-to-xero-us', priority: 20, when: 'legalEntityId = "le-us"', destination: { system: 'xero', connectionId: 'xero-us' } };
const apply = () => screen.getByRole('button', { name: 'Apply to draft' }) as HTMLButtonElement;
const cell = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('RuleTableEditor', () => {
  it('shows a tax rule problem under its cell and blocks applying until it is fixed', () => {
    const onApply = vi.fn();
    render(<RuleTableEditor kind={TAX_RULES} tableId="tax-rules" rules={[UK]} lockedReason={null} onApply={onApply} />);
    fireEvent.change(cell('Rate % of tax rule 1'), { target: { value: 'twenty' } });
    expect(cell('Rate % of tax rule 1').getAttribute('aria-invalid')).toBe('true');
    const describedBy = cell('Rate % of tax rule 1').getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toMatch(/Rate must be a percentage/);
    expect(apply().disabled).toBe(true);
    expect(screen.getByText('Fix 1 problem(s) first.')).toBeTruthy();
    fireEvent.change(cell('Rate % of tax rule 1'), { target: { value: '17.5' } });
    fireEvent.change(cell('Valid to (exclusive) of tax rule 1'), { target: { value: '2027-01-01' } });
    fireEvent.click(apply());
    expect(onApply).toHaveBeenCalledWith([{ ...UK, rate: '17.5', effectivePeriod: { validFrom: '2025-01-01', validTo: '2027-01-01' } }]);
  });

  it('adds a routing rule, checks its JSONata condition as you type, and applies it', () => {
    const onApply = vi.fn();
    render(<RuleTableEditor kind={ROUTING_RULES} tableId="routing-rules" rules={[ROUTE]} lockedReason={null} onApply={onApply} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    fireEvent.change(cell('Rule id of routing rule 2'), { target: { value: 'au-to-xero-au' } });
    fireEvent.change(cell('Priority of routing rule 2'), { target: { value: '30' } });
    fireEvent.change(cell('When (JSONata) of routing rule 2'), { target: { value: 'legalEntityId = ' } });
    fireEvent.change(cell('System of routing rule 2'), { target: { value: 'xero' } });
    fireEvent.change(cell('Connection of routing rule 2'), { target: { value: 'xero-au' } });
    expect(screen.getByText(/When does not parse as JSONata: S0\d{3}/)).toBeTruthy();
    expect(apply().disabled).toBe(true);
    fireEvent.change(cell('When (JSONata) of routing rule 2'), { target: { value: 'legalEntityId = "le-au"' } });
    fireEvent.change(cell('Valid from of routing rule 2'), { target: { value: '2026-04-01' } });
    fireEvent.click(apply());
    expect(onApply).toHaveBeenCalledWith([ROUTE, { id: 'au-to-xero-au', priority: 30, when: 'legalEntityId = "le-au"', validFrom: '2026-04-01', destination: { system: 'xero', connectionId: 'xero-au' } }]);
  });

  it('imports rules from CSV and reports a header it cannot use', async () => {
    render(<RuleTableEditor kind={ROUTING_RULES} tableId="routing-rules" rules={[ROUTE]} lockedReason={null} onApply={vi.fn()} />);
    const good = new File(['id,priority,when,destination.system,destination.connectionId,objectTypes\nall-to-group,5,true,xero,xero-group,invoice;creditNote\n'], 'r.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('Import CSV'), { target: { files: [good] } });
    await waitFor(() => expect(cell('Rule id of routing rule 1').value).toBe('all-to-group'));
    expect(cell('Object types of routing rule 1').value).toBe('invoice;creditNote');
    expect(screen.queryByLabelText('Rule id of routing rule 2')).toBeNull();
    const bad = new File(['key,value\na,b\n'], 'bad.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('Import CSV'), { target: { files: [bad] } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/missing: id, priority, when.*unknown: key, value/));
  });

  it('is read-only with the reason when the version cannot be edited', () => {
    render(<RuleTableEditor kind={TAX_RULES} tableId="tax-rules" rules={[UK]} lockedReason="This version is PUBLISHED and frozen; create a new draft to change it." onApply={vi.fn()} />);
    expect(cell('Rule id of tax rule 1').disabled).toBe(true);
    expect((screen.getByLabelText('Calculation of tax rule 1') as HTMLSelectElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Add rule' }) as HTMLButtonElement).disabled).toBe(true);
    expect(apply().disabled).toBe(true);
    expect(screen.getByText('This version is PUBLISHED and frozen; create a new draft to change it.')).toBeTruthy();
  });
});
