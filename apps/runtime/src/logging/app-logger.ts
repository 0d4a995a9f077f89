import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { requestContext } from '../common/request-context';
import type { LogLevel } from '../config/app-config';

/** Keys never written to logs, whatever the caller passes. */
const REDACT = ['req.headers.authorization', 'headers.authorization', 'authorization', 'token', 'password', '*.token'];

export function createPinoLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'mapwright-runtime' },
      redact: { paths: REDACT, censor: '[masked]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Every line carries the correlation id of the request it belongs to.
      mixin: () => ({ correlationId: requestContext.get()?.correlationId }),
    },
    destination,
  );
}

/** Lets Nest's own messages (bootstrap, route mapping) go through the same JSON logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}

export const PINO_LOGGER = Symbol('PINO_LOGGER');
