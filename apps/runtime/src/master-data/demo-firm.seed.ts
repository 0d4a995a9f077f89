import { DEFAULT_FACTOR_RULES } from '@mapwright/rating';
import { defaultPostingRules } from '@mapwright/posting';
import type { MasterDataWrite } from './master-data.service';

/**
 * A demo firm whose ids match what the shipped inbound specs produce: legacy CSV rows map to
 * emp-NNNN / prj-<code> / tsk-<code>, Harvest to harvest-user-N / harvest-project-N / harvest-task-N,
 * Xero Projects to xero-user-<uuid> / xero-project-<uuid>. Two legal entities with different
 * currencies and tax regimes; rate cards change mid-March 2026.
 */
export type SeedRow = [type: string, write: MasterDataWrite];

const refs = (system: string, id: string) => [{ system, id }];
const money = (amount: string, currency: string) => ({ amount, currency });
export const XERO_USERS = ['4f3c2a10-0000-4000-8000-000000000001', '4f3c2a10-0000-4000-8000-000000000002', '4f3c2a10-0000-4000-8000-000000000003'];
export const XERO_PROJECT = '9a7e1c55-0000-4000-8000-0000000000aa';
/** The day rate cards change price inside the month. */
export const RATE_CHANGE_DATE = '2026-03-16';

function legalEntities(): SeedRow[] {
  const le = (id: string, name: string, country: string, ccy: string, attributes: Record<string, any>): SeedRow => ['legalEntity', {
    sourceSystem: 'erp', attributes,
    object: { id, externalRefs: refs('xero', `org-${id}`), code: id.toUpperCase(), name, countryCode: country, functionalCurrency: ccy, status: 'active', invoiceNumberPrefix: attributes.invoiceNumberSequence.prefix },
  }];
  return [
    le('le-uk', 'Mapwright Consulting Ltd', 'GB', 'GBP', { invoiceNumberSequence: { prefix: 'UK-', next: 1001 }, taxRegime: { code: 'UK-VAT', defaultTaxCodeId: 'tc-uk-vat20' }, closedPeriods: ['2025-12'], maxDailyHours: '12', defaultRateCardId: 'rc-uk', overtimeRulesId: 'default-factors', postingRuleSetId: 'default-posting-rules' }),
    le('le-us', 'Mapwright Consulting Inc', 'US', 'USD', { invoiceNumberSequence: { prefix: 'US-', next: 5001 }, taxRegime: { code: 'US-NONE', defaultTaxCodeId: 'tc-us-exempt' }, closedPeriods: ['2025-12'], maxDailyHours: '14', defaultRateCardId: 'rc-us', overtimeRulesId: 'default-factors', postingRuleSetId: 'default-posting-rules' }),
  ];
}

function currenciesAndFx(): SeedRow[] {
  const ccy = (code: string, name: string): SeedRow => ['currency', { sourceSystem: 'erp', object: { id: `ccy-${code.toLowerCase()}`, externalRefs: [], code, name, minorUnits: 2, status: 'active' } }];
  const fx = (base: string, quote: string, rate: string, date: string): SeedRow => ['fxRate', {
    sourceSystem: 'treasury', object: { id: `fx-${base}-${quote}-${date}`.toLowerCase(), externalRefs: [], baseCurrency: base, quoteCurrency: quote, rate, rateType: 'spot', effectiveDate: date, source: 'ECB' },
  }];
  return [ccy('GBP', 'Pound sterling'), ccy('USD', 'US dollar'), ccy('EUR', 'Euro'),
    fx('USD', 'GBP', '0.79', '2026-01-01'), fx('USD', 'GBP', '0.80', '2026-03-01'), fx('EUR', 'GBP', '0.86', '2026-01-01'), fx('EUR', 'USD', '1.08', '2026-01-01')];
}

function costCentres(): SeedRow[] {
  return [['cc-uk-consulting', 'le-uk'], ['cc-uk-delivery', 'le-uk'], ['cc-us-consulting', 'le-us'], ['cc-us-engineering', 'le-us']].map(([id, le]) => ['costCenter', {
    sourceSystem: 'erp', object: { id, externalRefs: [], code: id.toUpperCase(), name: id.replace(/-/g, ' '), legalEntityId: le, effectivePeriod: { validFrom: '2024-01-01' }, status: 'active' },
  }]);
}

function customers(): SeedRow[] {
  const cus = (id: string, name: string, country: string, ccy: string, le: string): SeedRow => ['customer', {
    sourceSystem: 'crm', object: { id, externalRefs: refs('hubspot', `company-${id}`), sourceSystem: 'hubspot', code: id.toUpperCase(), name, countryCode: country, currency: ccy, paymentTermsDays: 30, legalEntityId: le, status: 'active' },
  }];
  return [cus('cus-acme', 'Acme Manufacturing plc', 'GB', 'GBP', 'le-uk'), cus('cus-umbrella', 'Umbrella Health Ltd', 'GB', 'GBP', 'le-uk'), cus('cus-globex', 'Globex Corporation', 'US', 'USD', 'le-us'), cus('cus-initech', 'Initech LLC', 'US', 'USD', 'le-us')];
}

interface EmployeeSeed { id: string; no: string; name: [string, string]; le: string; cc: string; role: string; cost: string; ccy: string; hire: string; end?: string; system: string; externalId: string; type?: string }

function employees(): SeedRow[] {
  const list: EmployeeSeed[] = [
    { id: 'emp-0042', no: '0042', name: ['Priya', 'Shah'], le: 'le-uk', cc: 'cc-uk-consulting', role: 'SENIOR-CONSULTANT', cost: '55.00', ccy: 'GBP', hire: '2022-04-01', system: 'csv:legacy-timesheets', externalId: '0042' },
    ...['0001', '0002', '0003', '0004', '0005', '0006', '0007'].map((no, i): EmployeeSeed => ({
      id: `emp-${no}`, no, name: [['Oliver', 'Amelia', 'Harry', 'Isla', 'Jack', 'Ava', 'George'][i], 'Clarke'], le: 'le-uk', cc: i % 2 ? 'cc-uk-delivery' : 'cc-uk-consulting',
      role: i < 3 ? 'SENIOR-CONSULTANT' : 'CONSULTANT', cost: i < 3 ? '50.00' : '38.00', ccy: 'GBP', hire: '2023-01-09', system: 'csv:legacy-timesheets', externalId: no,
      // emp-0007 left at the end of January 2026: time after that is refused.
      ...(no === '0007' ? { end: '2026-01-31' } : {}), ...(no === '0006' ? { type: 'contractor' } : {}),
    })),
    ...XERO_USERS.map((u, i): EmployeeSeed => ({ id: `xero-user-${u}`, no: `X${i + 1}`, name: [['Sophie', 'Leo', 'Mia'][i], 'Evans'], le: 'le-uk', cc: 'cc-uk-delivery', role: 'CONSULTANT', cost: '40.00', ccy: 'GBP', hire: '2024-02-01', system: 'xero-projects', externalId: u })),
    ...Array.from({ length: 9 }, (_, i): EmployeeSeed => ({
      id: `harvest-user-${1001 + i}`, no: `H${1001 + i}`, name: [['Noah', 'Emma', 'Liam', 'Olivia', 'Mason', 'Sophia', 'Ethan', 'Mila', 'Lucas'][i], 'Miller'], le: 'le-us',
      cc: i % 2 ? 'cc-us-engineering' : 'cc-us-consulting', role: i < 4 ? 'SENIOR-ENGINEER' : 'ENGINEER', cost: i < 4 ? '85.00' : '65.00', ccy: 'USD', hire: '2023-06-01',
      system: 'harvest', externalId: String(1001 + i), ...(i === 8 ? { hire: '2026-04-01' } : {}),
    })),
  ];
  return list.map((e) => ['employee', {
    sourceSystem: 'hris', object: {
      id: e.id, externalRefs: [{ system: 'hris', id: `W${e.no}` }, { system: e.system, id: e.externalId }], sourceSystem: 'hris', employeeNumber: e.no,
      givenName: e.name[0], familyName: e.name[1], legalEntityId: e.le, costCenterId: e.cc, roleCode: e.role, employmentType: e.type ?? 'employee',
      status: 'active', hireDate: e.hire, ...(e.end ? { terminationDate: e.end } : {}), costRate: money(e.cost, e.ccy),
      payRate: { amount: money(e.cost, e.ccy), basis: 'hourly' }, standardHoursPerWeek: '40',
    },
  }]);
}

interface ProjectSeed { id: string; name: string; le: string; cus: string; ccy: string; contract: string; status?: string; cc: string; system: string; externalId: string }

export const PROJECTS: ProjectSeed[] = [
  { id: 'prj-acme-erp', name: 'Acme ERP phase 1', le: 'le-uk', cus: 'cus-acme', ccy: 'GBP', contract: 'ctr-acme-cap', cc: 'cc-uk-consulting', system: 'csv:legacy-timesheets', externalId: 'ACME-ERP' },
  { id: 'prj-acme-support', name: 'Acme support retainer', le: 'le-uk', cus: 'cus-acme', ccy: 'GBP', contract: 'ctr-acme-retainer', cc: 'cc-uk-delivery', system: 'csv:legacy-timesheets', externalId: 'ACME-SUPPORT' },
  { id: 'prj-umbrella-audit', name: 'Umbrella data audit', le: 'le-uk', cus: 'cus-umbrella', ccy: 'GBP', contract: 'ctr-umbrella-ms', cc: 'cc-uk-consulting', system: 'csv:legacy-timesheets', externalId: 'UMBRELLA-AUDIT' },
  { id: 'prj-legacy-closed', name: 'Umbrella 2024 migration', le: 'le-uk', cus: 'cus-umbrella', ccy: 'GBP', contract: 'ctr-umbrella-tm', status: 'closed', cc: 'cc-uk-consulting', system: 'csv:legacy-timesheets', externalId: 'LEGACY-CLOSED' },
  { id: `xero-project-${XERO_PROJECT}`, name: 'Umbrella reporting', le: 'le-uk', cus: 'cus-umbrella', ccy: 'GBP', contract: 'ctr-umbrella-tm', cc: 'cc-uk-delivery', system: 'xero-projects', externalId: XERO_PROJECT },
  { id: 'harvest-project-2001', name: 'Globex platform build', le: 'le-us', cus: 'cus-globex', ccy: 'USD', contract: 'ctr-globex-tm', cc: 'cc-us-engineering', system: 'harvest', externalId: '2001' },
  { id: 'harvest-project-2002', name: 'Initech fixed-price discovery', le: 'le-us', cus: 'cus-initech', ccy: 'USD', contract: 'ctr-initech-ff', cc: 'cc-us-consulting', system: 'harvest', externalId: '2002' },
  { id: 'harvest-project-2003', name: 'Globex rollout', le: 'le-us', cus: 'cus-globex', ccy: 'USD', contract: 'ctr-globex-ms', cc: 'cc-us-engineering', system: 'harvest', externalId: '2003' },
];

function projectsAndTasks(): SeedRow[] {
  const rows: SeedRow[] = PROJECTS.map((p) => ['project', {
    sourceSystem: 'psa', object: {
      id: p.id, externalRefs: refs(p.system, p.externalId), sourceSystem: 'psa', code: p.externalId, name: p.name, customerId: p.cus, legalEntityId: p.le,
      contractId: p.contract, costCenterId: p.cc, billable: true, currency: p.ccy, status: p.status ?? 'active', startDate: '2025-01-01',
    },
  }]);
  const task = (id: string, projectId: string, name: string, billable = true): SeedRow => ['task', { sourceSystem: 'psa', object: { id, externalRefs: [], projectId, name, billable, status: 'open' } }];
  return [...rows, task('tsk-cons', 'prj-acme-erp', 'Consulting'), task('tsk-dev', 'prj-acme-erp', 'Development'), task('tsk-supp', 'prj-acme-support', 'Support'),
    task('harvest-task-3001', 'harvest-project-2001', 'Development'), task('harvest-task-3002', 'harvest-project-2001', 'Internal Meeting', false), task('harvest-task-3003', 'harvest-project-2002', 'Consulting')];
}

function contracts(): SeedRow[] {
  const c = (id: string, type: string, cus: string, le: string, ccy: string, projectIds: string[], terms: Record<string, unknown>): SeedRow => ['contract', {
    sourceSystem: 'crm', object: {
      id, externalRefs: refs('hubspot', `deal-${id}`), sourceSystem: 'hubspot', number: id.toUpperCase(), customerId: cus, legalEntityId: le, projectIds, type, currency: ccy,
      status: 'active', effectivePeriod: { validFrom: '2025-01-01' }, rateCardId: le === 'le-uk' ? 'rc-uk' : 'rc-us', billingFrequency: 'monthly', invoiceApproval: 'review', paymentTermsDays: 30, ...terms,
    },
  }];
  const ms = (ccy: string, total: string) => ({ milestones: { totalAmount: money(total, ccy), items: [{ id: 'ms-1', name: 'Design signed off', percentage: '40', status: 'pending' }, { id: 'ms-2', name: 'Go-live', percentage: '60', status: 'pending' }] } });
  return [
    c('ctr-acme-cap', 'capped', 'cus-acme', 'le-uk', 'GBP', ['prj-acme-erp'], { cap: { capAmount: money('150000.00', 'GBP'), tolerancePercent: '5', overCapPolicy: 'writeOff' } }),
    c('ctr-acme-retainer', 'retainer', 'cus-acme', 'le-uk', 'GBP', ['prj-acme-support'], { retainer: { variant: 'recurring', period: 'month', fee: money('8000.00', 'GBP'), includedHours: { value: '60', unit: 'HUR' }, overageRate: money('135.00', 'GBP') } }),
    c('ctr-umbrella-ms', 'milestone', 'cus-umbrella', 'le-uk', 'GBP', ['prj-umbrella-audit'], ms('GBP', '40000.00')),
    c('ctr-umbrella-tm', 'timeAndMaterials', 'cus-umbrella', 'le-uk', 'GBP', ['prj-legacy-closed', `xero-project-${XERO_PROJECT}`], {}),
    c('ctr-globex-tm', 'timeAndMaterials', 'cus-globex', 'le-us', 'USD', ['harvest-project-2001'], {}),
    c('ctr-initech-ff', 'fixedFee', 'cus-initech', 'le-us', 'USD', ['harvest-project-2002'], { fixedFee: { totalAmount: money('30000.00', 'USD'), schedule: [{ id: 'ff-1', dueDate: '2026-03-31', amount: money('15000.00', 'USD') }, { id: 'ff-2', dueDate: '2026-04-30', amount: money('15000.00', 'USD') }] } }),
    c('ctr-globex-ms', 'milestone', 'cus-globex', 'le-us', 'USD', ['harvest-project-2003'], ms('USD', '90000.00')),
  ];
}

function rateCards(): SeedRow[] {
  const before = { validFrom: '2025-01-01', validTo: RATE_CHANGE_DATE };
  const after = { validFrom: RATE_CHANGE_DATE };
  const row = (id: string, scope: Record<string, string>, amount: string, ccy: string, effectivePeriod: Record<string, string>) => ({ id, scope, effectivePeriod, rate: money(amount, ccy), unit: 'HUR' });
  return [
    ['rateCard', { sourceSystem: 'psa', object: { id: 'rc-uk', externalRefs: [], name: 'UK standard rates', version: 1, currency: 'GBP', legalEntityId: 'le-uk', effectivePeriod: { validFrom: '2025-01-01' }, status: 'active', rows: [
      row('uk-priya-acme', { level: 'employeeProject', employeeId: 'emp-0042', projectId: 'prj-acme-erp' }, '150.00', 'GBP', { validFrom: '2025-01-01' }),
      row('uk-acme-erp', { level: 'project', projectId: 'prj-acme-erp' }, '140.00', 'GBP', { validFrom: '2025-01-01' }),
      row('uk-umbrella', { level: 'customer', customerId: 'cus-umbrella' }, '110.00', 'GBP', { validFrom: '2025-01-01' }),
      row('uk-senior-old', { level: 'roleDefault', roleCode: 'SENIOR-CONSULTANT' }, '120.00', 'GBP', before),
      row('uk-senior-new', { level: 'roleDefault', roleCode: 'SENIOR-CONSULTANT' }, '130.00', 'GBP', after),
      row('uk-consultant', { level: 'roleDefault', roleCode: 'CONSULTANT' }, '95.00', 'GBP', { validFrom: '2025-01-01' }),
    ] } }],
    ['rateCard', { sourceSystem: 'psa', object: { id: 'rc-us', externalRefs: [], name: 'US standard rates', version: 1, currency: 'USD', legalEntityId: 'le-us', effectivePeriod: { validFrom: '2025-01-01' }, status: 'active', rows: [
      row('us-globex-build', { level: 'project', projectId: 'harvest-project-2001' }, '175.00', 'USD', { validFrom: '2025-01-01' }),
      row('us-initech', { level: 'customer', customerId: 'cus-initech' }, '160.00', 'USD', { validFrom: '2025-01-01' }),
      row('us-senior-old', { level: 'roleDefault', roleCode: 'SENIOR-ENGINEER' }, '180.00', 'USD', before),
      row('us-senior-new', { level: 'roleDefault', roleCode: 'SENIOR-ENGINEER' }, '190.00', 'USD', after),
      row('us-engineer', { level: 'roleDefault', roleCode: 'ENGINEER' }, '150.00', 'USD', { validFrom: '2025-01-01' }),
    ] } }],
  ];
}

function taxAndLedger(): SeedRow[] {
  const rows: SeedRow[] = [
    ['taxCode', { sourceSystem: 'erp', object: { id: 'tc-uk-vat20', externalRefs: [], code: 'VAT20', name: 'UK VAT standard', type: 'standard', rate: '20', countryCode: 'GB', erpTaxType: 'OUTPUT2', status: 'active' } }],
    ['taxCode', { sourceSystem: 'erp', object: { id: 'tc-us-exempt', externalRefs: [], code: 'EXEMPT', name: 'US services, no sales tax', type: 'exempt', rate: '0', countryCode: 'US', erpTaxType: 'NONE', status: 'active' } }],
    ['taxRule', { sourceSystem: 'erp', object: { id: 'tr-uk-standard', externalRefs: [], name: 'UK services at 20 %', version: 1, priority: 10, effectivePeriod: { validFrom: '2025-01-01' }, legalEntityId: 'le-uk', taxCodeId: 'tc-uk-vat20', rate: '20', calculation: 'exclusive', rounding: 'perLine', roundingMode: 'halfUp' } }],
    ['taxRule', { sourceSystem: 'erp', object: { id: 'tr-us-none', externalRefs: [], name: 'US services untaxed', version: 1, priority: 10, effectivePeriod: { validFrom: '2025-01-01' }, legalEntityId: 'le-us', taxCodeId: 'tc-us-exempt', rate: '0', calculation: 'exclusive', rounding: 'perLine', roundingMode: 'halfUp' } }],
  ];
  const accounts: [string, string, string][] = [['1210', 'Unbilled receivables', 'asset'], ['4000', 'Revenue — time', 'revenue'], ['4010', 'Revenue — overtime', 'revenue'], ['4020', 'Revenue — weekend', 'revenue'],
    ['5000', 'Labour cost', 'expense'], ['2150', 'Labour clearing', 'liability'], ['7990', 'FX rounding', 'expense']];
  for (const le of ['le-uk', 'le-us']) {
    for (const [code, name, type] of accounts) rows.push(['glAccount', { sourceSystem: 'erp', object: { id: `gl-${le.slice(3)}-${code}`, externalRefs: [], code, name, type, legalEntityId: le, postingAllowed: true, status: 'active' } }]);
  }
  return rows;
}

function policies(): SeedRow[] {
  return [
    ['postingRuleSet', { sourceSystem: 'mapwright', object: { id: 'default-posting-rules', ruleSet: defaultPostingRules() } }],
    ['overtimeRules', { sourceSystem: 'mapwright', object: { ...DEFAULT_FACTOR_RULES } }],
    ['timeRoundingPolicy', { sourceSystem: 'mapwright', object: { id: 'rp-15-nearest', incrementMinutes: 15, mode: 'nearest', scope: 'entry' } }],
    ['timeRoundingPolicy', { sourceSystem: 'mapwright', object: { id: 'rp-15-up', incrementMinutes: 15, mode: 'up', scope: 'entry' } }],
    ['timeRoundingPolicy', { sourceSystem: 'mapwright', object: { id: 'rp-30-down', incrementMinutes: 30, mode: 'down', scope: 'entry' } }],
    ['timeRoundingPolicy', { sourceSystem: 'mapwright', object: { id: 'rp-15-day', incrementMinutes: 15, mode: 'nearest', scope: 'day' } }],
  ];
}

export function demoFirm(): SeedRow[] {
  return [...currenciesAndFx(), ...legalEntities(), ...costCentres(), ...customers(), ...employees(), ...rateCards(), ...contracts(), ...projectsAndTasks(), ...taxAndLedger(), ...policies()];
}
