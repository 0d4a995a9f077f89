import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from './app-error';
import { ErrorCode } from './error-codes';
import { buildProblem, writeProblem } from './problem';
import { requestContext } from './request-context';

function codeForHttpStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN_ROLE';
  if (status === 404) return 'ROUTE_NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status >= 400 && status < 500) return 'VALIDATION_FAILED';
  return 'INTERNAL';
}

/**
 * Every error leaves as RFC 9457 problem+json. Only AppError messages are shown to clients;
 * anything unexpected (driver errors, SQL) is logged and replaced by a generic detail.
 */
@Catch()
export class ProblemExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const correlationId = requestContext.get()?.correlationId;
    const instance = req.originalUrl ?? req.url;
    if (res.headersSent) return;
    if (exception instanceof AppError) {
      if (exception.status >= 500) this.logger.error({ err: exception }, 'request failed');
      writeProblem(res, buildProblem(exception.code, exception.message, instance, correlationId, exception.errors, exception.extra));
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = codeForHttpStatus(status);
      const detail = code === 'ROUTE_NOT_FOUND' ? `No route ${req.method} ${req.path}.` : code === 'INTERNAL' ? 'Unexpected error; quote the correlation id when reporting it.' : exception.message;
      writeProblem(res, buildProblem(code, detail, instance, correlationId));
      return;
    }
    this.logger.error({ err: exception }, 'unhandled error');
    writeProblem(res, buildProblem('INTERNAL', 'Unexpected error; quote the correlation id when reporting it.', instance, correlationId));
  }
}
