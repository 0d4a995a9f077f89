import { FUNCTION_LIBRARY } from '@mapwright/mapping-engine/function-library';

export interface FunctionInfo {
  name: string;
  signature: string;
  summary: string;
  /** Snippet inserted on completion, with tab stops for arguments. */
  snippet: string;
  library: boolean;
}

const LIBRARY_SUMMARIES: Record<string, string> = {
  decAdd: 'Decimal sum of two numbers or decimal strings, as a string',
  decSub: 'Decimal difference, as a string',
  decMul: 'Decimal product, as a string',
  decDiv: 'Decimal quotient, optionally rounded to n places',
  decSum: 'Decimal sum of an array',
  decCmp: 'Compares two decimals: -1, 0 or 1',
  decRound: 'Rounds a decimal to n places (half-up unless a mode is given)',
  money: 'Money amount with the currency\'s minor units, as a string',
  minorUnits: 'Minor units of an ISO 4217 currency',
  now: 'The execution\'s pinned clock as ISO 8601 (or a picture)',
  millis: 'The execution\'s pinned clock in milliseconds',
  toMillis: 'Parses a timestamp into milliseconds',
  uom: 'Converts a quantity between units of measure (UOM profile aware)',
  xref: 'Looks a key up in a value-mapping table, effective on a date',
};

const LIBRARY_SNIPPETS: Record<string, string> = {
  decRound: 'decRound(${1:value}, ${2:2})',
  money: 'money(${1:amount}, ${2:"USD"})',
  uom: 'uom(${1:value}, ${2:"HUR"}, ${3:"DAY"})',
  xref: 'xref(${1:"table"}, ${2:key})',
};

/** JSONata built-ins the mappings commonly use; signatures as in the JSONata docs. */
const BUILT_INS: [string, string, string][] = [
  ['string', '<x-b?:s>', 'Casts to a string'],
  ['number', '<(nsb)-:n>', 'Casts to a number'],
  ['boolean', '<x-:b>', 'Casts to a Boolean'],
  ['exists', '<x:b>', 'true when the value exists'],
  ['type', '<x:s>', 'Type of the value'],
  ['length', '<s-:n>', 'Length of a string'],
  ['substring', '<s-nn?:s>', 'Part of a string'],
  ['uppercase', '<s-:s>', 'Upper-cases a string'],
  ['lowercase', '<s-:s>', 'Lower-cases a string'],
  ['trim', '<s-:s>', 'Normalises and trims whitespace'],
  ['join', '<a<s>s?:s>', 'Joins strings with a separator'],
  ['split', '<s-(sf)n?:a<s>>', 'Splits a string'],
  ['replace', '<s-(sf)(sf)n?:s>', 'Replaces matches in a string'],
  ['contains', '<s-(sf):b>', 'true when the string contains the pattern'],
  ['fromMillis', '<n-s?s?:s>', 'Formats milliseconds as a timestamp (picture)'],
  ['round', '<n-n?:n>', 'Rounds a number (half-even)'],
  ['sum', '<a<n>:n>', 'Sum of numbers'],
  ['count', '<a:n>', 'Number of items'],
  ['lookup', '<x-s:x>', 'Value of a key in an object'],
  ['merge', '<a<o>:o>', 'Merges objects'],
  ['map', '<af>', 'Applies a function to each item'],
  ['filter', '<af>', 'Keeps items a function accepts'],
  ['assert', '<bs?:x>', 'Fails the mapping with a message when false'],
];

export const FUNCTION_CATALOG: FunctionInfo[] = [
  ...FUNCTION_LIBRARY.map((f) => ({
    name: f.name,
    signature: f.signature,
    summary: LIBRARY_SUMMARIES[f.name] ?? 'Mapwright library function',
    snippet: LIBRARY_SNIPPETS[f.name] ?? `${f.name}($1)`,
    library: true,
  })),
  ...BUILT_INS.map(([name, signature, summary]) => ({ name, signature, summary, snippet: `${name}($1)`, library: false })),
];
