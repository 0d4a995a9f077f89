import sjson from 'secure-json-parse';
import { MappingError } from '../errors/mapping-error';
import type { Guardrails, ResolvedGuardrails } from '../types';
import { resolveGuardrails } from './guardrail-defaults';
import { FORBIDDEN_KEYS, scanJsonText } from './json-text-scanner';

function tooLarge(bytes: number | string, max: number): MappingError {
  return MappingError.of('MW_INPUT_TOO_LARGE', `Input of ${bytes} bytes is over the ${max} byte limit`);
}

/**
 * Parses untrusted JSON text after checking size, nesting, array length,
 * prototype keys, duplicate keys and unsafe integers. Throws MappingError.
 */
export function parseJsonInput(text: string | Buffer, limits?: Guardrails): unknown {
  const g = resolveGuardrails(limits);
  let source: string;
  if (typeof text === 'string') {
    // UTF-8 never takes fewer bytes than UTF-16 code units, so the cheap length test is a safe first cut.
    if (text.length > g.maxInputBytes) throw tooLarge(`at least ${text.length}`, g.maxInputBytes);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > g.maxInputBytes) throw tooLarge(bytes, g.maxInputBytes);
    source = text;
  } else if (Buffer.isBuffer(text)) {
    if (text.length > g.maxInputBytes) throw tooLarge(text.length, g.maxInputBytes);
    source = text.toString('utf8');
  } else {
    throw MappingError.of('MW_INVALID_JSON', 'Input must be JSON text (string or Buffer)');
  }
  scanJsonText(source, g);
  try {
    return sjson.parse(source, null, { protoAction: 'error', constructorAction: 'error' });
  } catch (err) {
    if (err instanceof SyntaxError && /prototype/i.test(err.message)) {
      throw MappingError.of('MW_PROTOTYPE_KEY', 'Input carries a prototype-polluting key');
    }
    throw MappingError.of('MW_INVALID_JSON', `Input is not valid JSON: ${err instanceof Error ? err.message : 'parse failed'}`);
  }
}

interface Pending {
  value: unknown;
  depth: number;
  parent: Pending | null;
  key: string;
}

/** JSON Pointer of a node, built only when an error needs it. */
function pointerOf(item: Pending): string {
  const parts: string[] = [];
  for (let p: Pending | null = item; p && p.parent; p = p.parent) parts.push(p.key.replace(/~/g, '~0').replace(/\//g, '~1'));
  return parts.length === 0 ? '' : '/' + parts.reverse().join('/');
}

/**
 * Same checks on an already-parsed value, walking with an explicit stack.
 * Size is estimated as the JSON text length while walking, so shared
 * sub-objects or cycles cannot make the walk run away.
 */
export function checkValueHygiene(value: unknown, limits?: Guardrails | ResolvedGuardrails): void {
  const g = resolveGuardrails(limits);
  const stack: Pending[] = [{ value, depth: 0, parent: null, key: '' }];
  let bytes = 0;
  while (stack.length > 0) {
    const item = stack.pop() as Pending;
    const v = item.value;
    switch (typeof v) {
      case 'string':
        bytes += v.length + 2;
        break;
      case 'number':
        if (Number.isInteger(v) && !Number.isSafeInteger(v)) {
          throw MappingError.of('MW_UNSAFE_INTEGER', `Number at "${pointerOf(item)}" is beyond 2^53 and has lost precision; send such identifiers as strings`);
        }
        bytes += 8;
        break;
      case 'object': {
        if (v === null) {
          bytes += 4;
          break;
        }
        if (item.depth >= g.maxInputDepth) {
          throw MappingError.of('MW_INPUT_TOO_DEEP', `Input nests deeper than ${g.maxInputDepth} levels at "${pointerOf(item)}"`);
        }
        if (Array.isArray(v)) {
          if (v.length > g.maxArrayLength) {
            throw MappingError.of('MW_ARRAY_TOO_LONG', `Array at "${pointerOf(item)}" has ${v.length} items, over the ${g.maxArrayLength} limit`);
          }
          bytes += 2 + v.length;
          for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: item.depth + 1, parent: item, key: String(i) });
        } else {
          const keys = Object.keys(v);
          bytes += 2;
          for (const key of keys) {
            if (FORBIDDEN_KEYS.has(key)) {
              throw MappingError.of('MW_PROTOTYPE_KEY', `Key "${key}" at "${pointerOf(item)}" is not accepted in input`);
            }
            bytes += key.length + 4;
            stack.push({ value: (v as Record<string, unknown>)[key], depth: item.depth + 1, parent: item, key });
          }
        }
        break;
      }
      default:
        bytes += 5;
    }
    if (bytes > g.maxInputBytes) throw tooLarge(`about ${bytes}`, g.maxInputBytes);
  }
}
