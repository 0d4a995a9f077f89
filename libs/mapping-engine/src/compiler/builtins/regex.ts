/**
 * Regular expressions: a regex literal evaluates to a matcher function, and the
 * string functions that accept one ($contains, $match, $replace, $split) are
 * synchronous versions of the interpreter's.
 */
import { jsonataError } from '../errors';
import { JsonataFocus, ref } from '../reference-library';
import { createSequence } from '../sequence';

interface MatchResult {
  match: string;
  start: number;
  end: number;
  groups: string[];
  next: () => MatchResult | undefined;
}

type Matcher = (str: string, fromIndex?: number) => MatchResult | undefined;

export function regexMatcher(source: RegExp, position: number | undefined): Matcher {
  const re = new RegExp(source);
  const closure: Matcher = (str, fromIndex) => {
    re.lastIndex = fromIndex || 0;
    const match = re.exec(str);
    if (match === null) return undefined;
    const result: MatchResult = {
      match: match[0],
      start: match.index,
      end: match.index + match[0].length,
      groups: match.slice(1),
      next: () => {
        if (re.lastIndex >= str.length) return undefined;
        const next = closure(str, re.lastIndex);
        if (next && next.match === '') throw jsonataError('D1004', { position, value: source.source });
        return next;
      },
    };
    return result;
  };
  return closure;
}

function evaluateMatcher(this: unknown, matcher: any, str?: string): MatchResult | undefined {
  const result = matcher.apply(this, [str]);
  if (result && !(typeof result.start === 'number' || result.end === 'number' || Array.isArray(result.groups) || ref().utils.isFunction(result.next))) {
    throw jsonataError('T1010');
  }
  return result;
}

export function contains(this: JsonataFocus, str: any, token: any): unknown {
  if (str === undefined || token === undefined) return undefined;
  if (typeof token === 'string') return str.indexOf(token) !== -1;
  return evaluateMatcher.call(this, token, str) !== undefined;
}

export function match(this: JsonataFocus, str: any, regex: any, limit: any): unknown {
  if (str === undefined) return undefined;
  if (limit < 0) throw jsonataError('D3040', { value: limit, index: 3 });
  const result = createSequence();
  if (limit === undefined || limit > 0) {
    let count = 0;
    let matches = evaluateMatcher.call(this, regex, str);
    while (matches !== undefined && (limit === undefined || count < limit)) {
      result.push({ match: matches.match, index: matches.start, groups: matches.groups });
      matches = evaluateMatcher.call(this, matches.next);
      count++;
    }
  }
  return result;
}

function substitution(replacement: string): (m: MatchResult) => string {
  return (regexMatch) => {
    let substitute = '';
    let position = 0;
    let index = replacement.indexOf('$', position);
    while (index !== -1 && position < replacement.length) {
      substitute += replacement.substring(position, index);
      position = index + 1;
      const dollarVal = replacement.charAt(position);
      if (dollarVal === '$') {
        substitute += '$';
        position++;
      } else if (dollarVal === '0') {
        substitute += regexMatch.match;
        position++;
      } else {
        const maxDigits = regexMatch.groups.length === 0 ? 1 : Math.floor(Math.log(regexMatch.groups.length) * Math.LOG10E) + 1;
        index = parseInt(replacement.substring(position, position + maxDigits), 10);
        if (maxDigits > 1 && index > regexMatch.groups.length) {
          index = parseInt(replacement.substring(position, position + maxDigits - 1), 10);
        }
        if (!isNaN(index)) {
          if (regexMatch.groups.length > 0) {
            const submatch = regexMatch.groups[index - 1];
            if (submatch !== undefined) substitute += submatch;
          }
          position += index.toString().length;
        } else {
          substitute += '$';
        }
      }
      index = replacement.indexOf('$', position);
    }
    return substitute + replacement.substring(position);
  };
}

export function replace(this: JsonataFocus, str: any, pattern: any, replacement: any, limit: any): unknown {
  if (str === undefined) return undefined;
  if (pattern === '') throw jsonataError('D3010', { value: pattern, index: 2 });
  if (limit < 0) throw jsonataError('D3011', { value: limit, index: 4 });
  const replacer = typeof replacement === 'string' ? substitution(replacement) : replacement;
  if (!(limit === undefined || limit > 0)) return str;
  let result = '';
  let position = 0;
  let count = 0;
  if (typeof pattern === 'string') {
    let index = str.indexOf(pattern, position);
    while (index !== -1 && (limit === undefined || count < limit)) {
      result += str.substring(position, index) + replacement;
      position = index + pattern.length;
      count++;
      index = str.indexOf(pattern, position);
    }
    return result + str.substring(position);
  }
  let matches = evaluateMatcher.call(this, pattern, str);
  if (matches === undefined) return str;
  while (matches !== undefined && (limit === undefined || count < limit)) {
    result += str.substring(position, matches.start);
    const replacedWith = replacer.apply(this, [matches]);
    if (typeof replacedWith !== 'string') throw jsonataError('D3012', { value: replacedWith });
    result += replacedWith;
    position = matches.start + matches.match.length;
    count++;
    matches = evaluateMatcher.call(this, matches.next);
  }
  return result + str.substring(position);
}

export function split(this: JsonataFocus, str: any, separator: any, limit: any): unknown {
  if (str === undefined) return undefined;
  if (limit < 0) throw jsonataError('D3020', { value: limit, index: 3 });
  const result: string[] = [];
  if (!(limit === undefined || limit > 0)) return result;
  if (typeof separator === 'string') return str.split(separator, limit);
  let count = 0;
  let matches = evaluateMatcher.call(this, separator, str);
  if (matches === undefined) {
    result.push(str);
    return result;
  }
  let start = 0;
  while (matches !== undefined && (limit === undefined || count < limit)) {
    result.push(str.substring(start, matches.start));
    start = matches.end;
    matches = evaluateMatcher.call(this, matches.next);
    count++;
  }
  if (limit === undefined || count < limit) result.push(str.substring(start));
  return result;
}
