import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { detail, useFakeWorkspace, WithSession } from '../../../test-support/fake-workspace';
import { MappingWorkspace } from './MappingWorkspace';

// Monaco needs a real browser; a textarea stands in for it here (the e2e suite drives the real editor).
vi.mock('../../editor/components/ExpressionEditor', () => ({
  ExpressionEditor: ({ value, onChange, label }: { value: string; onChange(v: string): void; label: string }) => (
    <textarea aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />
  ),
}));

const UNKNOWN = '$uppercase(a.b) ~> $substring(0, 3)';
const START = `{\n  "id": $string(a.id),\n  "code": ${UNKNOWN}\n}`;

function Screen({ expression = START }: { expression?: string }) {
  const ws = useFakeWorkspace(detail(expression));
  return <MappingWorkspace ws={ws} />;
}

function renderAs(user = 'alice', role: 'architect' | 'operator' = 'architect', expression?: string) {
  return render(<WithSession user={user} role={role}><Screen expression={expression} /></WithSession>);
}

describe('MappingWorkspace', () => {
  it('flags required target fields no rule writes', () => {
    renderAs();
    const alert = screen.getByRole('alert', { name: 'Unmapped required fields' });
    expect(alert.textContent).toContain('1 required target field unmapped');
    expect(within(alert).getByRole('button', { name: 'total' })).toBeTruthy();
    expect(within(alert).queryByRole('button', { name: 'id' })).toBeNull();
  });

  it('canvas → text: adding a rule regenerates the JSONata and keeps the expression it cannot draw', async () => {
    renderAs();
    const form = screen.getByRole('form', { name: 'Add a field rule' });
    fireEvent.change(within(form).getByLabelText('Rule'), { target: { value: 'decimal' } });
    fireEvent.change(within(form).getByLabelText('From'), { target: { value: 'a.c' } });
    fireEvent.change(within(form).getByLabelText('To'), { target: { value: 'total' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add rule' }));
    expect(screen.queryByRole('alert', { name: 'Unmapped required fields' })).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Whole mapping (JSONata)' }));
    const text = (screen.getByLabelText('mapping.jsonata') as HTMLTextAreaElement).value;
    expect(text).toContain('"total": $decRound(a.c, 2)');
    expect(text).toContain(`"code": ${UNKNOWN}`);
    expect(text).toContain('"id": $string(a.id)');
  });

  it('a function dropped on a mapped target field wraps its rule; on an unmapped one it says why', () => {
    renderAs();
    const palette = screen.getByRole('toolbar', { name: 'Transforms to drop on a target field' });
    const drop = (path: string, category: string) => {
      const row = document.querySelector(`.schema-target [data-path="${path}"]`) as HTMLElement;
      const dataTransfer = { types: ['application/x-mapwright-transform'], getData: () => category, dropEffect: 'none' };
      fireEvent.dragOver(row, { dataTransfer });
      fireEvent.drop(row, { dataTransfer });
    };
    drop('total', 'decimal');
    expect(screen.getByRole('status').textContent).toContain('Map a source field to total first');
    drop('id', 'convert');
    fireEvent.click(screen.getByRole('tab', { name: 'Whole mapping (JSONata)' }));
    expect((screen.getByLabelText('mapping.jsonata') as HTMLTextAreaElement).value).toContain('"id": $string($string(a.id))');
    // the keyboard route: the selected target field, then a function
    fireEvent.click(screen.getByRole('tab', { name: 'Field rule' }));
    fireEvent.change(screen.getByLabelText('Target field'), { target: { value: 'code' } });
    fireEvent.click(within(palette).getByRole('button', { name: 'Condition' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Whole mapping (JSONata)' }));
    expect((screen.getByLabelText('mapping.jsonata') as HTMLTextAreaElement).value).toContain(`"code": $exists((${UNKNOWN})) ? (${UNKNOWN})`);
  });

  it('text → canvas: a field typed in the JSONata becomes a rule, and the preview shows its output', async () => {
    renderAs();
    fireEvent.click(screen.getByRole('tab', { name: 'Whole mapping (JSONata)' }));
    fireEvent.change(screen.getByLabelText('mapping.jsonata'), { target: { value: START.replace('\n}', ',\n  "total": $string(a.c)\n}') } });
    await waitFor(() => expect(screen.queryByRole('alert', { name: 'Unmapped required fields' })).toBeNull());
    expect(document.querySelector('.schema-target [data-path="total"]')?.getAttribute('data-state')).toBe('mapped');
    expect(document.querySelector('.rule-node[data-target="total"]')?.textContent).toContain('$string(a.c)');
    expect(document.querySelector('.rule-node[data-target="code"]')?.textContent).toContain(UNKNOWN);
    await waitFor(() => expect(screen.getByTestId('preview-output').textContent).toContain('"1.234"'));
    expect(screen.getByTestId('preview-output').textContent).toContain('"ABC"');
  });

  it('turns the current sample and its output into a new test case', async () => {
    renderAs();
    await waitFor(() => expect(screen.getByTestId('preview-output').textContent).toContain('"ABC"'));
    fireEvent.change(screen.getByLabelText('New test case'), { target: { value: 'upper-cased code' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save sample + output as test' }));
    const options = Array.from((screen.getByLabelText('Sample') as HTMLSelectElement).options).map((o) => o.textContent);
    expect(options).toEqual(['one', 'upper-cased code']);
  });

  it('shows target-schema violations at the field that breaks them', async () => {
    renderAs('alice', 'architect', '{ "id": $string(a.id), "total": "1,5" }');
    await waitFor(() => expect(screen.getByTestId('preview-output').textContent).toContain('must match pattern'));
    const field = screen.getByRole('button', { name: 'Which rule produced /total' });
    expect(field.closest('li')?.textContent).toContain('must match pattern');
  });

  it('a mapping that is not an object stays text: shown on the canvas, editing locked with the reason', () => {
    renderAs('alice', 'architect', '$map(a, function($v) { $v })');
    expect(screen.getAllByText('This mapping is not an object constructor; edit it as text.').length).toBeGreaterThan(0);
    expect(screen.getByLabelText('Expression (kept as text)').textContent).toContain('$map(a, function($v) { $v })');
    expect((within(screen.getByRole('form', { name: 'Add a field rule' })).getByRole('button', { name: 'Add rule' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('an operator can look but not edit, and is told why', () => {
    renderAs('dave', 'operator');
    expect(screen.getAllByText('Only integration architects can edit mappings; dave is signed in as operator.').length).toBeGreaterThan(0);
    expect((screen.getByLabelText('Rule') as HTMLSelectElement).disabled).toBe(true);
  });
});
