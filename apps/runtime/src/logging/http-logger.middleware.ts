import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { MetricsService } from '../health/metrics.service';

/** One structured line per request; bodies are never logged, so sensitive values cannot leak here. */
export function httpLoggerMiddleware(logger: Logger, metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (req.route?.path as string | undefined) ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      metrics.observeHttp(req.method, route, res.statusCode, seconds);
      logger.info(
        { method: req.method, url: req.originalUrl, status: res.statusCode, durationMs: Math.round(seconds * 1000) },
        'request completed',
      );
    });
    next();
  };
}
