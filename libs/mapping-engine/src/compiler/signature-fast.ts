/**
 * A fast pre-check for function signatures. When every supplied argument already
 * has the type its position expects (no context insertion, no array wrapping, no
 * variadic or typed-array parameters), the interpreter's validator would return
 * the arguments unchanged (padded with undefined), so they are passed as they are. Every other
 * case goes to the interpreter's validator, which also raises its errors.
 */
import { ParsedSignature } from './reference-library';

type Validate = (args: unknown[], context: unknown) => unknown[];

const BITS: Record<string, number> = { a: 1, s: 2, n: 4, b: 8, l: 16, f: 32, o: 64, m: 128 };

function mask(symbols: string): number {
  let m = 0;
  for (const c of symbols) m |= BITS[c] ?? 0;
  return m;
}

const ANY = mask('asnblfom');
const JSON_TYPES = mask('asnblom');

export function symbolBit(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 2;
    case 'number':
      return 4;
    case 'boolean':
      return 8;
    case 'undefined':
      return 128;
    case 'function':
      return 32;
    case 'object': {
      if (value === null) return 16;
      if (Array.isArray(value)) return 1;
      const v = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
      return v._jsonata_function === true || v._jsonata_lambda === true ? 32 : 64;
    }
    default:
      return 128;
  }
}

export interface Param {
  accepts: number;
  optional: boolean;
}

/** Parameter classes for the fast path, or undefined when the signature needs the full validator. */
export function parseParams(definition: string): Param[] | undefined {
  const params: Param[] = [];
  for (let i = 1; i < definition.length; i++) {
    const c = definition.charAt(i);
    if (c === ':' || c === '>') break;
    const last = params[params.length - 1];
    switch (c) {
      case 's':
      case 'n':
      case 'b':
      case 'l':
      case 'o':
        params.push({ accepts: mask(c + 'm'), optional: false });
        break;
      case 'a':
        params.push({ accepts: mask('am'), optional: false });
        break;
      case 'f':
        params.push({ accepts: mask('f'), optional: false });
        break;
      case 'j':
        params.push({ accepts: JSON_TYPES, optional: false });
        break;
      case 'x':
        params.push({ accepts: ANY, optional: false });
        break;
      case '?':
        last.optional = true;
        break;
      case '-':
        // context parameter: fine when supplied, full validator when missing
        break;
      case '(': {
        const end = definition.indexOf(')', i);
        const choice = definition.substring(i + 1, end);
        if (choice.includes('<')) return undefined;
        params.push({ accepts: mask(choice + 'm'), optional: false });
        i = end;
        break;
      }
      case '<': {
        // a typed array needs item checks; a typed function does not
        if (definition.charAt(i - 1) === 'a') return undefined;
        let depth = 1;
        while (depth > 0 && ++i < definition.length) {
          if (definition.charAt(i) === '<') depth++;
          else if (definition.charAt(i) === '>') depth--;
        }
        break;
      }
      default:
        return undefined;
    }
  }
  return params;
}

const FAST = Symbol('fast-validator');

export function fastValidator(signature: ParsedSignature): Validate {
  const known = (signature as unknown as Record<symbol, Validate>)[FAST];
  if (known) return known;
  const params = parseParams(signature.definition);
  const full: Validate = (args, context) => signature.validate(args, context);
  let validate = full;
  if (params) {
    const count = params.length;
    validate = (args, context) => {
      if (args.length > count) return full(args, context);
      for (let i = 0; i < args.length; i++) {
        if ((params[i].accepts & symbolBit(args[i])) === 0) return full(args, context);
      }
      for (let i = args.length; i < count; i++) {
        if (!params[i].optional) return full(args, context);
      }
      // Missing optional arguments stay missing: implementations read them as undefined either way.
      return args;
    };
  }
  Object.defineProperty(signature, FAST, { value: validate, enumerable: false });
  return validate;
}
