/**
 * Faults on demand, matched per request. Each rule fires for the next `times` matching requests
 * (default 1) and is then spent; rules are consulted in the order they were set.
 */

export interface FaultRule {
  /** Case-insensitive method; any when omitted. */
  method?: string;
  /** Substring of the request path (without query), or a /regex/ literal. */
  path?: string;
  /** How many matching requests this rule affects; default 1. */
  times?: number;
  /** Delay before the request is handled. */
  latencyMs?: number;
  /** Answer with this status (500, 502, 503, 429) without touching the ledger. */
  status?: number;
  /** With status 429: the Retry-After header in seconds. */
  retryAfterSeconds?: number;
  /** Destroy the socket instead of answering: after the document is committed, or before anything happens. */
  drop?: 'after-commit' | 'before-commit';
}

export interface FaultDecision {
  latencyMs: number;
  status?: number;
  retryAfterSeconds?: number;
  drop?: 'after-commit' | 'before-commit';
}

export class FaultInjector {
  private rules: Array<FaultRule & { remaining: number }> = [];

  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ ...rule, remaining: rule.times ?? 1 }));
  }

  add(rules: FaultRule[]): void {
    this.rules.push(...rules.map((rule) => ({ ...rule, remaining: rule.times ?? 1 })));
  }

  pending(): FaultRule[] {
    return this.rules.map(({ remaining, ...rule }) => ({ ...rule, times: remaining }));
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * Every matching latency rule adds its delay; the first matching rule with an outcome (status or
   * drop) decides the answer. Only rules that took effect spend a use, so queued outcomes fire in turn.
   */
  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    let decided = false;
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || !matches(rule, method, path)) {
        continue;
      }
      const hasOutcome = rule.status !== undefined || rule.drop !== undefined;
      if (hasOutcome && decided) {
        continue;
      }
      rule.remaining -= 1;
      decision.latencyMs += rule.latencyMs ?? 0;
      if (hasOutcome) {
        decided = true;
        decision.status = rule.status;
        decision.retryAfterSeconds = rule.retryAfterSeconds;
        decision.drop = rule.drop;
      }
    }
    this.rules = this.rules.filter((rule) => rule.remaining > 0);
    return decision;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) {
    return false;
  }
  if (!rule.path) {
    return true;
  }
  const regex = /^\/(.+)\/([a-z]*)$/.exec(rule.path);
  return regex ? new RegExp(regex[1], regex[2]).test(path) : path.includes(rule.path);
}
