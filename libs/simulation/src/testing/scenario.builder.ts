import type { Scenario, ScenarioEvent, ScenarioTimeEntry } from '../model/scenario.types';

const USD = (amount: string) => ({ amount, currency: 'USD' });
const FROM_2026 = { validFrom: '2026-01-01' };

/**
 * A US entity with three contracts on three projects for one customer:
 * time and materials (prj-tm), capped at 2,000.00 with write-off (prj-cap)
 * and a fixed fee of 5,000.00 (prj-ff). Rates: SENIOR 150.00, JUNIOR 90.00.
 */
export function usScenario(events: ScenarioEvent[], overrides: Partial<Scenario> = {}): Scenario {
  return {
    schemaVersion: 1,
    id: 'spec-us',
    description: 'Built by the specs.',
    masterData: {
      legalEntities: [{ id: 'le-us', functionalCurrency: 'USD', invoicePrefix: 'US-INV-', creditNotePrefix: 'US-CN-', closedPeriods: ['2026-02'], costCenterIds: ['cc-delivery'] }],
      customers: [{ id: 'cus-acme', countryCode: 'US' }],
      employees: [
        { id: 'emp-ana', legalEntityId: 'le-us', status: 'active', roleCode: 'SENIOR', costCenterId: 'cc-delivery' },
        { id: 'emp-ben', legalEntityId: 'le-us', status: 'active', roleCode: 'JUNIOR', costCenterId: 'cc-delivery' },
        { id: 'emp-old', legalEntityId: 'le-us', status: 'terminated', roleCode: 'JUNIOR', costCenterId: 'cc-delivery' },
        { id: 'emp-far', legalEntityId: 'le-us', status: 'active', roleCode: 'JUNIOR', costCenterId: 'cc-elsewhere' },
        { id: 'emp-new', legalEntityId: 'le-us', status: 'active', roleCode: 'INTERN', costCenterId: 'cc-delivery' },
      ],
      projects: [
        { id: 'prj-tm', customerId: 'cus-acme', legalEntityId: 'le-us', contractId: 'ctr-tm', status: 'active' },
        { id: 'prj-cap', customerId: 'cus-acme', legalEntityId: 'le-us', contractId: 'ctr-cap', status: 'active' },
        { id: 'prj-ff', customerId: 'cus-acme', legalEntityId: 'le-us', contractId: 'ctr-ff', status: 'active' },
        { id: 'prj-shut', customerId: 'cus-acme', legalEntityId: 'le-us', contractId: 'ctr-tm', status: 'closed' },
      ],
      contracts: [
        { id: 'ctr-tm', customerId: 'cus-acme', legalEntityId: 'le-us', projectIds: ['prj-tm', 'prj-shut'], type: 'timeAndMaterials', currency: 'USD', effectivePeriod: FROM_2026, rateCardId: 'rc-std' },
        {
          id: 'ctr-cap', customerId: 'cus-acme', legalEntityId: 'le-us', projectIds: ['prj-cap'], type: 'capped', currency: 'USD', effectivePeriod: FROM_2026, rateCardId: 'rc-std',
          cap: { capAmount: USD('2000.00'), tolerancePercent: '0', overCapPolicy: 'writeOff' },
        },
        {
          id: 'ctr-ff', customerId: 'cus-acme', legalEntityId: 'le-us', projectIds: ['prj-ff'], type: 'fixedFee', currency: 'USD', effectivePeriod: FROM_2026, rateCardId: 'rc-std',
          fixedFee: { totalAmount: USD('5000.00'), schedule: [{ id: 'inst-1', dueDate: '2026-03-20', amount: USD('5000.00') }] },
        },
      ],
      rateCards: [{
        id: 'rc-std', version: 1, currency: 'USD', rows: [
          { id: 'row-senior', scope: { level: 'roleDefault', roleCode: 'SENIOR' }, effectivePeriod: FROM_2026, rate: USD('150.00'), unit: 'HUR' },
          { id: 'row-junior', scope: { level: 'roleDefault', roleCode: 'JUNIOR' }, effectivePeriod: FROM_2026, rate: USD('90.00'), unit: 'HUR' },
        ],
      }],
      costRates: {
        id: 'cost-us', version: 1, rows: ['emp-ana', 'emp-ben', 'emp-old', 'emp-far', 'emp-new'].map((e) => ({ id: `c-${e}`, employeeId: e, rate: USD('50.00'), effectivePeriod: FROM_2026 })),
      },
      taxRules: [{ id: 'tr-sales', name: 'Sales tax', version: 1, priority: 10, effectivePeriod: FROM_2026, legalEntityId: 'le-us', taxCodeId: 'tc-sales', rate: '8.25', calculation: 'exclusive', rounding: 'perLine', roundingMode: 'halfUp' }],
    },
    events,
    ...overrides,
  };
}

export function entry(id: string, employeeId: string, projectId: string, date: string, minutes: number, extra: Partial<ScenarioTimeEntry> = {}): ScenarioEvent {
  return { type: 'timeEntry', date, entry: { id, employeeId, projectId, date, quantity: { value: String(minutes), unit: 'MIN' }, billable: true, ...extra } };
}
