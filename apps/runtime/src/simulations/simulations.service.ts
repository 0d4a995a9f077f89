import { Injectable } from '@nestjs/common';
import { simulate, validateScenario, type SimulationResult } from '@mapwright/simulation';
import { AppError, type FieldError } from '../common/app-error';

/** A scenario issue as a problem field error, keeping the scenario code next to its pointer. */
export type ScenarioFieldError = FieldError & { code: string };

@Injectable()
export class SimulationsService {
  /** Runs a scenario on paper: nothing is read from or written to the store. */
  run(scenario: unknown): SimulationResult {
    const issues = validateScenario(scenario);
    if (issues.length > 0) {
      const errors: ScenarioFieldError[] = issues.map((i) => ({ pointer: i.pointer, message: i.message, code: i.code }));
      throw new AppError('SCENARIO_INVALID', `The scenario cannot run: ${issues.length} problem(s); each error points at one.`, errors);
    }
    return simulate(scenario);
  }
}
