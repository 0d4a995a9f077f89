import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ValueMapEditor } from './ValueMapEditor';

const ROWS = [{ key: 'Workshop', value: 'consulting', validTo: '2026-01-01' }, { key: 'Workshop', value: 'workshop', validFrom: '2026-01-01' }];
const apply = () => screen.getByRole('button', { name: 'Apply to draft' }) as HTMLButtonElement;

describe('ValueMapEditor', () => {
  it('checks effective dates as you type and blocks applying until they are fixed', () => {
    const onApply = vi.fn();
    render(<ValueMapEditor tableId="harvest-task-service-type" rows={ROWS} lockedReason={null} onApply={onApply} />);
    fireEvent.change(screen.getByLabelText('Valid from row 2'), { target: { value: '2025-12-01' } });
    expect(apply().disabled).toBe(true);
    expect(screen.getByText('Fix 1 problem(s) first.')).toBeTruthy();
    expect(screen.getByLabelText('Problems').textContent).toContain('Overlaps row 1 for key "Workshop"');
    expect(screen.getByLabelText('Key row 2').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(screen.getByLabelText('Valid from row 2'), { target: { value: '2026-01-01' } });
    fireEvent.change(screen.getByLabelText('Value row 2'), { target: { value: 'workshops' } });
    fireEvent.click(apply());
    expect(onApply).toHaveBeenCalledWith([ROWS[0], { ...ROWS[1], value: 'workshops' }]);
  });

  it('imports rows from CSV', async () => {
    render(<ValueMapEditor tableId="t" rows={ROWS} lockedReason={null} onApply={vi.fn()} />);
    const file = new File(['key,value,validFrom\nTraining,training,2026-01-01\n'], 't.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('Import CSV'), { target: { files: [file] } });
    await waitFor(() => expect((screen.getByLabelText('Key row 1') as HTMLInputElement).value).toBe('Training'));
    expect(screen.queryByLabelText('Key row 2')).toBeNull();
  });

  it('is read-only with the reason when the version cannot be edited', () => {
    render(<ValueMapEditor tableId="t" rows={ROWS} lockedReason="This version is PUBLISHED and frozen; create a new draft to change it." onApply={vi.fn()} />);
    expect((screen.getByLabelText('Key row 1') as HTMLInputElement).disabled).toBe(true);
    expect(apply().disabled).toBe(true);
    expect(screen.getByText('This version is PUBLISHED and frozen; create a new draft to change it.')).toBeTruthy();
  });
});
