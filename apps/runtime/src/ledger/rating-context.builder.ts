import type { PostingRuleSet, FxContext } from '@mapwright/posting';
import { DEFAULT_FACTOR_RULES, type FactorRuleSet, type RatableTimeEntry, type RatingContext, type RateCard, type TimeRoundingPolicy } from '@mapwright/rating';
import type { EntityManager } from 'typeorm';
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

/**
 * Assembles what rating and posting need for one entry from master data: the contract's rate
 * card (or the legal entity's default), the employee's cost rate, the contract's or legal entity's
 * rounding policy, the overtime rules, the posting rules and every FX rate.
 */
export class RatingContextBuilder {
  private readonly cache = new Map<string, Promise<MasterDataRecord | undefined>>();

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
    const costRate = employee.object.costRate as { amount: string; currency: string } | undefined;
    if (!costRate) throw new ContextUnavailableError('RATING_NO_COST_RATE', `Employee ${employee.id} has no cost rate; add one in the HR system.`);
    const fxRates = (await this.masterData.all('fxRate', this.manager)).map((r) => r.object as FxContext['rates'][number]);
    return {
      rating: {
        rateCard: rateCard.object as unknown as RateCard,
        costRates: { id: `cost-${employee.id}`, version: employee.version, rows: [{ id: `cost-${employee.id}`, employeeId: employee.id, rate: costRate, effectivePeriod: { validFrom: employee.object.hireDate } }] },
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
