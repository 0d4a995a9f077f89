import * as path from 'node:path';
import { loadSuite, runSuite } from './conformance-suite';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const suiteRoot = path.resolve(repoRoot, '..', 'shared', 'conformance', 'jsonata-test-suite');
const cases = loadSuite(suiteRoot);

describe('compiled expressions against the JSONata conformance suite', () => {
  if (cases === undefined) {
    it('has the conformance suite available', () => {
      // Outside CI a missing suite only skips; in CI it must be present.
      if (process.env.CI === 'true') throw new Error(`JSONata test suite not found at ${suiteRoot}`);
      console.warn(`JSONata test suite not found at ${suiteRoot}; differential run skipped`);
    });
    return;
  }

  const report = runSuite(cases);
  const parseable = report.total - report.syntaxErrors;

  it('compiles at least 90% of the cases', () => {
    const share = report.compiled / report.total;
    console.log(
      `compiled ${report.compiled}/${report.total} cases (${(share * 100).toFixed(1)}%); ` +
        `${report.syntaxErrors} are syntax-error cases, so ${((report.compiled / parseable) * 100).toFixed(1)}% of parseable expressions; ` +
        `declined for other reasons: ${JSON.stringify(Object.fromEntries(Object.entries(report.declined).filter(([r]) => !r.startsWith('syntax error'))))}`,
    );
    expect(report.total).toBeGreaterThan(1000);
    expect(share).toBeGreaterThanOrEqual(0.9);
  });

  it('agrees with the expected result of every compiled case, unguarded and guarded', () => {
    expect(report.failures).toEqual([]);
  });
});
