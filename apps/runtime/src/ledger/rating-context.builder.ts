import type { PostingRuleSet, FxContext } from '@mapwright/posting';
import { DEFAULT_FACTOR_RULES, isEffective, type CostRateRow, type CostRateTable, type FactorRuleSet, type RatableTimeEntry, type RatingContext, type RateCard, type TimeRoundingPolicy } from '@mapwright/rating';
import type { EntityManager } from 'typeorm';
import { MasterDataVersionEntity } from '../master-data/entities/master-data.entities';
import { MasterDataRecord, MasterDataService } from '../master-data/master-data.service';

export interface EntryContext {
  rating: RatingContext;
  rules: PostingRuleSet;
  fx: FxContext;
  /** Periods (YYYY-MM) the legal entity has closed; nothing is posted into them. */
  closedPeriods: string[];
  /** id@version of every master-data object that shaped the result, for lineage. */
  refs: Record<string, string>;
}

export class ContextUnavailableError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const ref = (r: MasterDataRecord) => `${r.id}@${r.version}`;

type Money = { amount: string; currency: string };

/** One span of the employee's cost rate and the employee version that stated it. */
interface CostSpan {
  /** null: from the hire date. */
  from: string | null;
  rate: Money;
  version: number;
}

/**
 * The employee's cost-rate history from its master-data versions. A version whose attribute
 * `costRateEffectiveFrom` is set says "from that date the rate is `costRate`" and supersedes
 * spans starting on or after it; a version without it states the rate for the whole employment,
 * which is how a plain correction from HR has always been read. A version repeating the previous
 * statement (any other field changed) adds nothing, so unrelated HR edits leave lineage alone.
 */
export function costRateHistory(employeeId: string, hireDate: string, versions: { version: number; content: string }[]): { version: number; row: CostRateRow }[] {
  let spans: CostSpan[] = [];
  let previous = '';
  for (const v of [...versions].sort((a, b) => a.version - b.version)) {
    const content = JSON.parse(v.content) as { object: Record<string, any>; attributes?: Record<string, unknown> };
    const rate = content.object.costRate as Money | undefined;
    if (!rate) continue;
    const from = typeof content.attributes?.costRateEffectiveFrom === 'string' ? content.attributes.costRateEffectiveFrom : null;
    const statement = `${rate.amount}|${rate.currency}|${from ?? ''}`;
    if (statement === previous) continue;
    previous = statement;
    if (from === null) {
      spans = [{ from: null, rate, version: v.version }];
      continue;
    }
    spans = spans.filter((s) => (s.from ?? hireDate) < from);
    const last = spans.at(-1);
    // The span already in force carries this rate: extending it keeps earlier snapshots' lineage.
    if (last && last.rate.amount === rate.amount && last.rate.currency === rate.currency) continue;
    spans.push({ from, rate, version: v.version });
  }
  return spans.map((s, i) => {
    // Nothing is known before the first stated rate, so it runs from the hire date.
    const validFrom = i === 0 && (s.from === null || s.from > hireDate) ? hireDate : (s.from as string);
    const next = spans[i + 1];
    const row = { id: `cost-${employeeId}@${s.version}`, employeeId, rate: s.rate, effectivePeriod: next ? { validFrom, validTo: next.from as string } : { validFrom } };
    return { version: s.version, row };
  });
}

/**
 * Assembles what rating and posting need for one entry from master data: the contract's rate
 * card (or the legal entity's default), the employee's cost-rate history, the contract's or legal entity's
 * rounding policy, the overtime rules, the posting rules and every FX rate.
 */
export class RatingContextBuilder {
  private readonly cache = new Map<string, Promise<MasterDataRecord | undefined>>();
  private readonly costHistory = new Map<string, Promise<{ version: number; row: CostRateRow }[]>>();
  private fxRates?: Promise<FxContext['rates']>;

  constructor(private readonly masterData: MasterDataService, private readonly manager: EntityManager) {}

  private get(type: string, id: string | undefined | null): Promise<MasterDataRecord | undefined> {
    if (!id) return Promise.resolve(undefined);
    const key = `${type}:${id}`;
    if (!this.cache.has(key)) this.cache.set(key, this.masterData.find(type, id, this.manager));
    return this.cache.get(key) as Promise<MasterDataRecord | undefined>;
  }

  private async need(type: string, id: string | undefined | null, why: string): Promise<MasterDataRecord> {
    const found = await this.get(type, id);
    if (!found) throw new ContextUnavailableError('RATING_CONTEXT_MISSING', `No ${type} "${id ?? ''}" (${why}); load it and retry.`);
    return found;
  }

  /**
   * The cost table for one entry. Its version is the employee version that stated the rate in
   * force on the work date, so a later rate change does not alter the snapshot of work it does
   * not cover and re-rating that work's week posts nothing for it.
   */
  private async costRates(employee: MasterDataRecord, date: string): Promise<CostRateTable> {
    if (!this.costHistory.has(employee.id)) {
      const versions = this.manager.getRepository(MasterDataVersionEntity).find({ where: { type: 'employee', id: employee.id }, order: { version: 'ASC' } });
      this.costHistory.set(employee.id, versions.then((rows) => costRateHistory(employee.id, employee.object.hireDate as string, rows)));
    }
    const history = await (this.costHistory.get(employee.id) as Promise<{ version: number; row: CostRateRow }[]>);
    const inForce = history.find(({ row: { effectivePeriod: p } }) => isEffective(date, p.validFrom, p.validTo));
    return { id: `cost-${employee.id}`, version: inForce?.version ?? employee.version, rows: history.map((h) => h.row) };
  }

  async forEntry(entry: RatableTimeEntry): Promise<EntryContext> {
    const le = await this.need('legalEntity', entry.legalEntityId, 'legal entity of the entry');
    const project = await this.need('project', entry.projectId, 'project of the entry');
    const contract = await this.get('contract', project.object.contractId);
    const rateCard = await this.need('rateCard', contract?.object.rateCardId ?? le.attributes.defaultRateCardId, 'rate card of the contract or legal entity');
    const employee = await this.need('employee', entry.employeeId, 'employee of the entry');
    const factor = await this.get('overtimeRules', le.attributes.overtimeRulesId);
    const rules = await this.need('postingRuleSet', le.attributes.postingRuleSetId ?? 'default-posting-rules', 'posting rules');
    const policy = await this.get('timeRoundingPolicy', le.attributes.roundingPolicyId);
    const contractRounding = contract?.object.timeRounding as { incrementMinutes: number; method: TimeRoundingPolicy['mode'] } | undefined;
    const rounding: TimeRoundingPolicy | undefined = contractRounding
      ? { incrementMinutes: contractRounding.incrementMinutes, mode: contractRounding.method, scope: 'entry' }
      : policy ? { incrementMinutes: policy.object.incrementMinutes, mode: policy.object.mode, scope: policy.object.scope } : undefined;
    const costRate = employee.object.costRate as Money | undefined;
    if (!costRate) throw new ContextUnavailableError('RATING_NO_COST_RATE', `Employee ${employee.id} has no cost rate; add one in the HR system.`);
    // Every entry of a week needs the same rates: read them once per builder.
    this.fxRates ??= this.masterData.all('fxRate', this.manager).then((rows) => rows.map((r) => r.object as FxContext['rates'][number]));
    const fxRates = await this.fxRates;
    return {
      rating: {
        rateCard: rateCard.object as unknown as RateCard,
        costRates: await this.costRates(employee, entry.date),
        ...(rounding ? { rounding } : {}),
        factorRules: (factor?.object as FactorRuleSet | undefined) ?? DEFAULT_FACTOR_RULES,
      },
      rules: rules.object.ruleSet as PostingRuleSet,
      fx: { functionalCurrency: le.object.functionalCurrency, rates: fxRates },
      closedPeriods: (le.attributes.closedPeriods as string[] | undefined) ?? [],
      refs: {
        legalEntity: ref(le), project: ref(project), ...(contract ? { contract: ref(contract) } : {}), rateCard: ref(rateCard), employee: ref(employee),
        postingRuleSet: ref(rules), ...(factor ? { overtimeRules: ref(factor) } : {}), ...(policy && !contractRounding ? { roundingPolicy: ref(policy) } : {}),
      },
    };
  }
}
