/**
 * $trim with the interpreter's result: runs of space, tab, CR and LF become one
 * space, then one leading and one trailing space go. Text with nothing to change
 * is returned as it is; anything else goes to the interpreter's own function.
 */
import { ref } from '../reference-library';

const referenceTrim = ref().fn.trim;

function alreadyTrimmed(str: string): boolean {
  const n = str.length;
  if (n === 0) return true;
  if (str.charCodeAt(0) === 32 || str.charCodeAt(n - 1) === 32) return false;
  let previousSpace = false;
  for (let i = 0; i < n; i++) {
    const c = str.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13) return false;
    const space = c === 32;
    if (space && previousSpace) return false;
    previousSpace = space;
  }
  return true;
}

/** $trim(str): the parameter name is the interpreter's, which partial application reads. */
export function trim(str: unknown): unknown {
  if (typeof str === 'string' && alreadyTrimmed(str)) return str;
  return referenceTrim(str);
}
