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

/** JSON Pointer of `target` inside `root`, searched only when an error needs it. */
function pointerOf(root: unknown, target: unknown, targetDepth: number): string {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    if (item.value === target && item.depth === targetDepth) return item.path;
    if (item.depth >= targetDepth || item.value === null || typeof item.value !== 'object') continue;
    // Same visiting order as checkValueHygiene, so the first match is the value that failed.
    const keys = Object.keys(item.value);
    if (Array.isArray(item.value)) keys.reverse();
    for (const key of keys) {
      const token = key.replace(/~/g, '~0').replace(/\//g, '~1');
      stack.push({ value: (item.value as Record<string, unknown>)[key], path: `${item.path}/${token}`, depth: item.depth + 1 });
    }
  }
  return '';
}

/**
 * Same checks on an already-parsed value, walking with an explicit stack
 * (two flat arrays, so the walk itself allocates little). Size is estimated
 * as the JSON text length while walking, so shared sub-objects or cycles
 * cannot make the walk run away.
 */
export function checkValueHygiene(value: unknown, limits?: Guardrails): void {
  checkResolvedValueHygiene(value, resolveGuardrails(limits));
}

/*
 * Up to this nesting limit the walk recurses, which is several times faster than the explicit
 * stack for the small records mappings see; deeper limits take the explicit stack, which no
 * input can overflow. Both visit values in the same order and add sizes in the same order, so
 * they fail on the same value with the same message.
 */
const RECURSION_LIMIT = 1000;

/** The engine's per-record path: limits were resolved once when the spec was prepared. */
export function checkResolvedValueHygiene(value: unknown, g: ResolvedGuardrails): void {
  if (g.maxInputDepth <= RECURSION_LIMIT) {
    // almost every record passes: a quick pass says so; a failure is located by the ordered walk
    if (new QuickCheck(g).rootPasses(value)) return;
    const walk = new HygieneWalk(value, g);
    walk.visit(value, 0);
    return;
  }
  checkWithExplicitStack(value, g);
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The same checks without their order: true when the ordered walk would pass. Sizes add up
 * to the same total in any order, and the total is compared with the limit on entering and
 * leaving every array and object, so shared sub-trees cannot make this walk run away either.
 */
class QuickCheck {
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly maxDepth: number;
  private readonly maxArray: number;

  constructor(g: ResolvedGuardrails) {
    this.maxBytes = g.maxInputBytes;
    this.maxDepth = g.maxInputDepth;
    this.maxArray = g.maxArrayLength;
  }

  /** A bare string or number at the root has no container to compare the total on leaving. */
  rootPasses(v: unknown): boolean {
    return this.passes(v, 0) && this.bytes <= this.maxBytes;
  }

  passes(v: unknown, depth: number): boolean {
    switch (typeof v) {
      case 'string':
        this.bytes += v.length + 2;
        return true;
      case 'number':
        this.bytes += 8;
        return !Number.isInteger(v) || Number.isSafeInteger(v);
      case 'object':
        if (v === null) {
          this.bytes += 4;
          return true;
        }
        if (depth >= this.maxDepth) return false;
        return Array.isArray(v) ? this.arrayPasses(v, depth) : this.objectPasses(v as Record<string, unknown>, depth);
      default:
        this.bytes += 5;
        return true;
    }
  }

  private arrayPasses(v: unknown[], depth: number): boolean {
    const n = v.length;
    if (n > this.maxArray) return false;
    this.bytes += 2 + n;
    if (this.bytes > this.maxBytes) return false;
    for (let i = 0; i < n; i++) if (!this.passes(v[i], depth + 1)) return false;
    return this.bytes <= this.maxBytes;
  }

  private objectPasses(v: Record<string, unknown>, depth: number): boolean {
    this.bytes += 2;
    if (this.bytes > this.maxBytes) return false;
    for (const key in v) {
      if (!hasOwn.call(v, key)) continue;
      // "__proto__", "constructor", "prototype"
      const first = key.charCodeAt(0);
      if ((first === 95 || first === 99 || first === 112) && FORBIDDEN_KEYS.has(key)) return false;
      this.bytes += key.length + 4;
      if (!this.passes(v[key], depth + 1)) return false;
    }
    return this.bytes <= this.maxBytes;
  }
}

class HygieneWalk {
  bytes = 0;
  constructor(
    private readonly root: unknown,
    private readonly g: ResolvedGuardrails,
  ) {}

  private fail(code: 'MW_UNSAFE_INTEGER' | 'MW_ARRAY_TOO_LONG' | 'MW_PROTOTYPE_KEY', at: unknown, depth: number, what: (where: string) => string): MappingError {
    return MappingError.of(code, what(pointerOf(this.root, at, depth)));
  }

  private grow(by: number): void {
    this.bytes += by;
    if (this.bytes > this.g.maxInputBytes) throw tooLarge(`about ${this.bytes}`, this.g.maxInputBytes);
  }

  visit(v: unknown, depth: number): void {
    switch (typeof v) {
      case 'string':
        this.grow(v.length + 2);
        return;
      case 'number':
        if (Number.isInteger(v) && !Number.isSafeInteger(v)) {
          throw this.fail('MW_UNSAFE_INTEGER', v, depth, (w) => `Number at "${w}" is beyond 2^53 and has lost precision; send such identifiers as strings`);
        }
        this.grow(8);
        return;
      case 'object':
        if (v === null) {
          this.grow(4);
          return;
        }
        if (depth >= this.g.maxInputDepth) {
          throw MappingError.of('MW_INPUT_TOO_DEEP', `Input nests deeper than ${this.g.maxInputDepth} levels`);
        }
        if (Array.isArray(v)) this.visitArray(v, depth);
        else this.visitObject(v as Record<string, unknown>, depth);
        return;
      default:
        this.grow(5);
    }
  }

  private visitArray(v: unknown[], depth: number): void {
    if (v.length > this.g.maxArrayLength) {
      throw this.fail('MW_ARRAY_TOO_LONG', v, depth, (w) => `Array at "${w}" has ${v.length} items, over the ${this.g.maxArrayLength} limit`);
    }
    this.grow(2 + v.length);
    for (let i = 0; i < v.length; i++) this.visit(v[i], depth + 1);
  }

  private visitObject(v: Record<string, unknown>, depth: number): void {
    const keys = Object.keys(v);
    let size = 2;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (FORBIDDEN_KEYS.has(key)) {
        throw this.fail('MW_PROTOTYPE_KEY', v, depth, (w) => `Key "${key}" at "${w}" is not accepted in input`);
      }
      size += key.length + 4;
    }
    this.grow(size);
    // the explicit stack pops an object's members last key first
    for (let i = keys.length - 1; i >= 0; i--) this.visit(v[keys[i]], depth + 1);
  }
}

/** The walk for any nesting limit, with an explicit stack; exported so tests can hold the recursive walk to it. */
export function checkWithExplicitStack(value: unknown, g: ResolvedGuardrails): void {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  let bytes = 0;
  const fail = (code: 'MW_UNSAFE_INTEGER' | 'MW_INPUT_TOO_DEEP' | 'MW_ARRAY_TOO_LONG' | 'MW_PROTOTYPE_KEY', at: unknown, depth: number, what: (where: string) => string) =>
    MappingError.of(code, what(pointerOf(value, at, depth)));
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop() as number;
    switch (typeof v) {
      case 'string':
        bytes += v.length + 2;
        break;
      case 'number':
        if (Number.isInteger(v) && !Number.isSafeInteger(v)) {
          throw fail('MW_UNSAFE_INTEGER', v, depth, (w) => `Number at "${w}" is beyond 2^53 and has lost precision; send such identifiers as strings`);
        }
        bytes += 8;
        break;
      case 'object': {
        if (v === null) {
          bytes += 4;
          break;
        }
        if (depth >= g.maxInputDepth) {
          throw MappingError.of('MW_INPUT_TOO_DEEP', `Input nests deeper than ${g.maxInputDepth} levels`);
        }
        if (Array.isArray(v)) {
          if (v.length > g.maxArrayLength) {
            throw fail('MW_ARRAY_TOO_LONG', v, depth, (w) => `Array at "${w}" has ${v.length} items, over the ${g.maxArrayLength} limit`);
          }
          bytes += 2 + v.length;
          for (let i = v.length - 1; i >= 0; i--) {
            values.push(v[i]);
            depths.push(depth + 1);
          }
        } else {
          bytes += 2;
          for (const key in v) {
            if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
            if (FORBIDDEN_KEYS.has(key)) {
              throw fail('MW_PROTOTYPE_KEY', v, depth, (w) => `Key "${key}" at "${w}" is not accepted in input`);
            }
            bytes += key.length + 4;
            values.push((v as Record<string, unknown>)[key]);
            depths.push(depth + 1);
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
