import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ReferenceData, UomProfile, ValueMapTable } from '@mapwright/mapping-engine';
import { validateMeta } from './meta-schemas';
import type { LintProblem } from './types';
import { locate, readYamlFile } from './yaml-source';

export const REFERENCE_SCHEMA = 'MW_SPEC_REFERENCE_SCHEMA';

export interface ReferenceLoadResult {
  reference: ReferenceData;
  problems: LintProblem[];
}

/** Reads `reference/uom-profiles.yaml` and `reference/tables/*.yaml` into the engine's ReferenceData. */
export function loadReferenceData(referenceDir: string): ReferenceLoadResult {
  const problems: LintProblem[] = [];
  const reference: ReferenceData = { tables: {}, uomProfiles: {}, defaultUomProfile: 'standard-8h' };

  const uomFile = join(referenceDir, 'uom-profiles.yaml');
  if (existsSync(uomFile)) {
    const read = readYamlFile(uomFile);
    if (!read.ok) problems.push(...read.problems);
    else {
      const violations = validateMeta('uom-profiles', read.source.value);
      for (const v of violations) problems.push({ file: uomFile, ...locate(read.source, v.pointer), code: REFERENCE_SCHEMA, pointer: v.pointer, message: `${v.pointer || '/'} ${v.message}` });
      if (violations.length === 0) {
        const value = read.source.value as { default: string; profiles: (UomProfile & { description?: string })[] };
        for (const { description: _d, ...profile } of value.profiles) reference.uomProfiles[profile.id] = profile;
        reference.defaultUomProfile = value.default;
        if (!reference.uomProfiles[value.default]) {
          problems.push({ file: uomFile, ...locate(read.source, '/default'), code: REFERENCE_SCHEMA, message: `default profile "${value.default}" is not defined` });
        }
      }
    }
  }

  const tablesDir = join(referenceDir, 'tables');
  const files = existsSync(tablesDir) ? readdirSync(tablesDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  for (const name of files) {
    const file = join(tablesDir, name);
    const read = readYamlFile(file);
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    const violations = validateMeta('reference-table', read.source.value);
    if (violations.length > 0) {
      for (const v of violations) problems.push({ file, ...locate(read.source, v.pointer), code: REFERENCE_SCHEMA, pointer: v.pointer, message: `${v.pointer || '/'} ${v.message}` });
      continue;
    }
    const table = read.source.value as ValueMapTable & { description?: string; owner?: string };
    if (table.id !== basename(name).replace(/\.ya?ml$/, '')) {
      problems.push({ file, ...locate(read.source, '/id'), code: REFERENCE_SCHEMA, message: `table id "${table.id}" must match its file name` });
    }
    if (reference.tables[table.id]) {
      problems.push({ file, code: 'MW_SPEC_DUPLICATE', message: `reference table "${table.id}" is defined twice` });
      continue;
    }
    problems.push(...overlapProblems(file, table));
    const { description: _d, owner: _o, ...engineTable } = table;
    reference.tables[table.id] = engineTable;
  }
  return { reference, problems };
}

/** Two rows for one key whose validity windows overlap would make a lookup ambiguous. */
function overlapProblems(file: string, table: ValueMapTable): LintProblem[] {
  const byKey = new Map<string, { from: string; to: string }[]>();
  const problems: LintProblem[] = [];
  table.rows.forEach((row, index) => {
    const window = { from: row.validFrom ?? '0000-01-01', to: row.validTo ?? '9999-12-31' };
    if (window.from >= window.to) {
      problems.push({ file, code: REFERENCE_SCHEMA, pointer: `/rows/${index}`, message: `row ${index} (${row.key}): validFrom must be before validTo` });
    }
    const windows = byKey.get(row.key) ?? [];
    if (windows.some((w) => w.from < window.to && window.from < w.to)) {
      problems.push({ file, code: 'MW_SPEC_REFERENCE_OVERLAP', pointer: `/rows/${index}`, message: `row ${index}: key "${row.key}" has overlapping validity windows` });
    }
    windows.push(window);
    byKey.set(row.key, windows);
  });
  return problems;
}
