export { simulate } from './simulate';
export { validateScenario, assertValidScenario, ScenarioValidationError, SCENARIO_SCHEMA } from './validation/scenario.validator';
export { toBillableTransactions, toRatedEntry, transactionIdFor, type TransactionContext } from './flow/rated-entry.adapter';
export { scenarioTotals } from './totals/scenario-totals';
export { compareToExpected, runGoldenScenarios, loadScenarioFile, type GoldenResult } from './golden/golden.runner';
export { diffJson, formatDifferences, type JsonDifference } from './golden/json-diff';
export type * from './model/scenario.types';
export type * from './model/result.types';
