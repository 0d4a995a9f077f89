import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import sjson from 'secure-json-parse';
import { buildProblem, writeProblem } from './problem';
import { requestContext } from './request-context';
import { jsonDepth } from './json-depth';
import { ErrorCode } from './error-codes';

export interface JsonBodyLimits {
  bodyLimitBytes: number;
  maxJsonDepth: number;
  /** Extra value checks (the mapping engine's hygiene rules), run on the parsed body. */
  hygiene?: (value: unknown) => void;
}

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Replaces the framework body parser: size limit, prototype-key rejection and depth limit happen
 * before any handler sees the body, and every refusal is a problem+json response.
 */
export function jsonBodyMiddleware(limits: JsonBodyLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!METHODS_WITH_BODY.has(req.method)) return next();
    const refuse = (code: ErrorCode, detail: string) =>
      writeProblem(res, buildProblem(code, detail, req.originalUrl, requestContext.get()?.correlationId));
    const declared = Number(req.header('content-length') ?? '0');
    if (declared > limits.bodyLimitBytes) {
      req.resume();
      return refuse('PAYLOAD_TOO_LARGE', `Request body exceeds ${limits.bodyLimitBytes} bytes; send a smaller document.`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limits.bodyLimitBytes) {
        refused = true;
        refuse('PAYLOAD_TOO_LARGE', `Request body exceeds ${limits.bodyLimitBytes} bytes; send a smaller document.`);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (err) => {
      if (!refused) next(err);
    });
    // Stream events fire outside the request's async context; bind keeps the correlation id.
    req.on('end', AsyncResource.bind(() => {
      if (refused) return;
      const raw = Buffer.concat(chunks);
      if (raw.length === 0) {
        req.body = undefined;
        return next();
      }
      const type = req.header('content-type') ?? '';
      if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
        return refuse('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
      }
      let parsed: unknown;
      try {
        parsed = sjson.parse(raw.toString('utf8'), undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch (err) {
        const proto = err instanceof SyntaxError && /prototype|constructor/i.test(err.message);
        return proto
          ? refuse('UNSAFE_JSON', 'The body contains a "__proto__" or "constructor.prototype" key; remove it.')
          : refuse('INVALID_JSON', 'The body is not valid JSON.');
      }
      if (jsonDepth(parsed) > limits.maxJsonDepth) {
        return refuse('UNSAFE_JSON', `The body nests deeper than ${limits.maxJsonDepth} levels; flatten it.`);
      }
      if (limits.hygiene) {
        try {
          limits.hygiene(parsed);
        } catch (err) {
          return refuse('UNSAFE_JSON', `The body was refused: ${(err as Error).message}`);
        }
      }
      req.body = parsed;
      next();
    }));
  };
}
