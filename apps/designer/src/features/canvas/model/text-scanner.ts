/**
 * A minimal JSONata lexer pass: it knows strings, comments and brackets, which is all the canvas needs to cut an
 * object constructor into its fields without losing a character of the author's text.
 */
export interface Span {
  start: number;
  end: number;
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSE = new Set([')', ']', '}']);

/** Index just past the string, comment or single character starting at i. */
function skipToken(text: string, i: number): number {
  const c = text[i];
  if (c === '"' || c === "'" || c === '`') {
    let j = i + 1;
    while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (c === '/' && text[i + 1] === '*') {
    const close = text.indexOf('*/', i + 2);
    return close < 0 ? text.length : close + 2;
  }
  return i + 1;
}

export function isTrivia(text: string, i: number): boolean {
  return /\s/.test(text[i]) || (text[i] === '/' && text[i + 1] === '*');
}

/** First index at or after i that is neither whitespace nor inside a comment. */
export function skipTrivia(text: string, i: number): number {
  let j = i;
  while (j < text.length && isTrivia(text, j)) j = /\s/.test(text[j]) ? j + 1 : skipToken(text, j);
  return j;
}

/** Index of the bracket closing the one at `open`, or -1. */
export function matchBracket(text: string, open: number): number {
  const stack: string[] = [];
  let i = open;
  while (i < text.length) {
    const c = text[i];
    if (OPEN[c]) stack.push(OPEN[c]);
    else if (CLOSE.has(c)) {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
    i = skipToken(text, i);
  }
  return -1;
}

/** Splits text[start, end) at the separator where bracket depth is zero; spans exclude the separators. */
export function splitTopLevel(text: string, start: number, end: number, separator: string): Span[] {
  const spans: Span[] = [];
  let depth = 0;
  let from = start;
  let i = start;
  while (i < end) {
    const c = text[i];
    if (OPEN[c]) depth++;
    else if (CLOSE.has(c)) depth--;
    else if (depth === 0 && c === separator) {
      spans.push({ start: from, end: i });
      from = i + 1;
    }
    i = skipToken(text, i);
  }
  spans.push({ start: from, end });
  return spans;
}

/** Index of the first top-level occurrence of `ch` in [start, end), or -1. */
export function indexOfTopLevel(text: string, ch: string, start: number, end: number): number {
  let depth = 0;
  let i = start;
  while (i < end) {
    const c = text[i];
    if (depth === 0 && c === ch) return i;
    if (OPEN[c]) depth++;
    else if (CLOSE.has(c)) depth--;
    i = skipToken(text, i);
  }
  return -1;
}

/** End of the span without trailing whitespace. */
export function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}
