import type { Response } from 'express';
import { ErrorCode, statusForCode, titleForStatus } from './error-codes';
import { FieldError } from './app-error';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance: string;
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function buildProblem(
  code: ErrorCode,
  detail: string,
  instance: string,
  correlationId: string | undefined,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
): ProblemDetails {
  const status = statusForCode(code);
  return {
    ...extra,
    type: `https://mapwright.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: titleForStatus(status),
    status,
    detail,
    code,
    instance,
    ...(correlationId ? { correlationId } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Used by the exception filter and by middleware that runs before Nest routing. */
export function writeProblem(res: Response, problem: ProblemDetails): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}
