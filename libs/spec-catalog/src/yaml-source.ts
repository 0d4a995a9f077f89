import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { LintProblem } from './types';

/** A parsed YAML file that can still answer "which line holds this JSON pointer?". */
export interface YamlSource {
  file: string;
  value: unknown;
  doc: Document;
  lines: LineCounter;
}

export const YAML_SYNTAX = 'MW_SPEC_YAML_SYNTAX';
export const FILE_UNREADABLE = 'MW_SPEC_FILE_UNREADABLE';

export type YamlReadResult = { ok: true; source: YamlSource } | { ok: false; problems: LintProblem[] };

export function readYamlFile(file: string): YamlReadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, problems: [{ file, code: FILE_UNREADABLE, message: `cannot read file: ${(err as Error).message}` }] };
  }
  return parseYamlText(file, text);
}

export function parseYamlText(file: string, text: string): YamlReadResult {
  const lines = new LineCounter();
  // uniqueKeys stays on: a duplicated key in a mapping spec is always a mistake.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const errors = [...doc.errors, ...doc.warnings];
  if (errors.length > 0) {
    return {
      ok: false,
      problems: errors.map((e) => {
        const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, code: YAML_SYNTAX, message: `${e.code}: ${firstLine(e.message)}` };
      }),
    };
  }
  return { ok: true, source: { file, value: doc.toJS({ maxAliasCount: 100 }), doc, lines } };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

export function pointerToPath(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Line and column of the deepest node on the pointer's path that exists in the file. */
export function locate(source: YamlSource, pointer: string): { line: number; column: number } | undefined {
  const path: (string | number)[] = pointerToPath(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let len = path.length; len >= 0; len--) {
    const node = source.doc.getIn(path.slice(0, len), true);
    if (isNode(node) && node.range) {
      const pos = source.lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}
