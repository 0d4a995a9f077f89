/**
 * A fast pre-check for function signatures. When every supplied argument already
 * has the type its position expects (no context insertion, no array wrapping, no
 * variadic or typed-array parameters), the interpreter's validator would return
 * the arguments padded with undefined; that is done here directly. Every other
 * case goes to the interpreter's validator, which also raises its errors.
 */
import { ParsedSignature } from './reference-library';
import { isJsonataFunction } from './sequence';

type Validate = (args: unknown[], context: unknown) => unknown[];

const ANY = 'asnblfom';
const JSON_TYPES = 'asnblom';

function symbolOf(value: unknown): string {
  if (isJsonataFunction(value)) return 'f';
  switch (typeof value) {
    case 'string':
      return 's';
    case 'number':
      return 'n';
    case 'boolean':
      return 'b';
    case 'object':
      return value === null ? 'l' : Array.isArray(value) ? 'a' : 'o';
    default:
      return 'm';
  }
}

interface Param {
  accepts: string;
  optional: boolean;
}

/** Parameter classes for the fast path, or undefined when the signature needs the full validator. */
function parseParams(definition: string): Param[] | undefined {
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
        params.push({ accepts: c + 'm', optional: false });
        break;
      case 'a':
        params.push({ accepts: 'am', optional: false });
        break;
      case 'f':
        params.push({ accepts: 'f', optional: false });
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
        params.push({ accepts: choice + 'm', optional: false });
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
        if (params[i].accepts.indexOf(symbolOf(args[i])) < 0) return full(args, context);
      }
      for (let i = args.length; i < count; i++) {
        if (!params[i].optional) return full(args, context);
      }
      if (args.length === count) return args;
      const padded = args.slice();
      while (padded.length < count) padded.push(undefined);
      return padded;
    };
  }
  Object.defineProperty(signature, FAST, { value: validate, enumerable: false });
  return validate;
}
