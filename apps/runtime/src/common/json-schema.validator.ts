import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { AppError } from './app-error';

const ajv = new Ajv({ allErrors: true, strict: false });
const cache = new WeakMap<object, ValidateFunction>();

function toPointer(err: ErrorObject): string {
  if (err.keyword === 'required') return `${err.instancePath}/${(err.params as { missingProperty: string }).missingProperty}`;
  if (err.keyword === 'additionalProperties') return `${err.instancePath}/${(err.params as { additionalProperty: string }).additionalProperty}`;
  return err.instancePath || '/';
}

/** Validates a request body against the JSON Schema that mirrors its DTO; failures become field errors. */
export function validateBody<T>(schema: object, body: unknown): T {
  let validate = cache.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  if (!validate(body ?? {})) {
    const errors = (validate.errors ?? []).map((e) => ({ pointer: toPointer(e), message: e.message ?? 'is invalid' }));
    throw new AppError('VALIDATION_FAILED', 'The request body is invalid; see errors for each field.', errors);
  }
  return (body ?? {}) as T;
}
