/** Each inbound source, the published spec that maps it, and how to read its record id before mapping. */
export interface IntakeSource {
  source: string;
  specId: string;
  /** Bindings a caller may set through query parameters (the source account's currency, charge type …). */
  bindings: readonly string[];
  externalId(record: unknown): string | null;
}

const field = (name: string) => (record: unknown): string | null => {
  const value = record && typeof record === 'object' ? (record as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};

export const INTAKE_SOURCES: readonly IntakeSource[] = [
  { source: 'harvest', specId: 'harvest-time-entry', bindings: ['currency'], externalId: field('id') },
  { source: 'xero-projects', specId: 'xero-projects-time-entry', bindings: ['taskChargeType'], externalId: field('timeEntryId') },
  { source: 'csv', specId: 'legacy-csv-time-entry', bindings: ['uomProfile'], externalId: field('RowId') },
];

export function intakeSource(source: string): IntakeSource | undefined {
  return INTAKE_SOURCES.find((s) => s.source === source);
}
