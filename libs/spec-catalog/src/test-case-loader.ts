import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateMeta } from './meta-schemas';
import { jsonataSyntaxError } from './jsonata-syntax';
import type { LintProblem, SpecTestCase } from './types';
import { locate, readYamlFile } from './yaml-source';

export const TEST_SCHEMA = 'MW_SPEC_TEST_SCHEMA';

/** Reads `tests/*.yaml`; a file holds one case (a mapping) or several (a sequence). Bad cases become problems. */
export function loadTestCases(testsDir: string, problems: LintProblem[]): SpecTestCase[] {
  if (!existsSync(testsDir)) return [];
  const cases: SpecTestCase[] = [];
  const names = new Set<string>();
  for (const name of readdirSync(testsDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const file = join(testsDir, name);
    const read = readYamlFile(file);
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    const value = read.source.value;
    const entries = Array.isArray(value) ? value.map((v, i) => ({ v, base: `/${i}` })) : [{ v: value, base: '' }];
    for (const { v, base } of entries) {
      const violations = validateMeta('spec-test-case', v);
      if (violations.length > 0) {
        for (const viol of violations) {
          const pointer = `${base}${viol.pointer}`;
          problems.push({ file, ...locate(read.source, pointer), code: TEST_SCHEMA, pointer, message: `${pointer || '/'} ${viol.message}` });
        }
        continue;
      }
      const tc = v as Omit<SpecTestCase, 'file'>;
      if (names.has(tc.name)) {
        problems.push({ file, ...locate(read.source, `${base}/name`), code: 'MW_SPEC_DUPLICATE', message: `test case "${tc.name}" is defined twice` });
        continue;
      }
      const badProperty = (tc.properties ?? [])
        .map((p, i) => ({ p, i, err: jsonataSyntaxError(p.expression) }))
        .find((x) => x.err);
      if (badProperty?.err) {
        problems.push({
          file,
          ...locate(read.source, `${base}/properties/${badProperty.i}/expression`),
          code: badProperty.err.code,
          message: `property ${badProperty.p.name}: ${badProperty.err.message}`,
        });
        continue;
      }
      names.add(tc.name);
      cases.push({ ...tc, file });
    }
  }
  return cases;
}
