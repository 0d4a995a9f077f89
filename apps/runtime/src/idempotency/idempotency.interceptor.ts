import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { catchError, from, Observable, of, switchMap, throwError } from 'rxjs';
import type { AuthedRequest } from '../auth/auth.guard';
import { AppError } from '../common/app-error';
import { canonicalHash, sha256Hex } from '../common/canonical-hash';
import { IDEMPOTENT_METADATA } from './idempotent.decorator';
import { IdempotencyRepository } from './idempotency.repository';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Idempotency-Key (IETF httpapi draft): same key and payload replays the stored response,
 * same key with another payload is 422, and a key whose first request is still running is 409.
 * Keys are scoped to the caller and the route, so two clients cannot collide.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(IdempotencyRepository) private readonly repo: IdempotencyRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(IDEMPOTENT_METADATA, context.getHandler())) return next.handle();
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.header('idempotency-key');
    if (key === undefined) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 1-255 visible ASCII characters.', [{ pointer: '/headers/idempotency-key', message: 'invalid' }]);
    }
    const scope = sha256Hex(JSON.stringify([req.principal?.name ?? '', req.method, req.originalUrl.split('?')[0], key]));
    const requestHash = canonicalHash(req.body ?? null);
    return from(this.begin(scope, requestHash)).pipe(
      switchMap((replay) => {
        if (replay) {
          res.status(replay.status).setHeader('Idempotency-Replayed', 'true');
          return of(replay.body);
        }
        return next.handle().pipe(
          switchMap((body) => from(this.repo.complete(scope, res.statusCode, JSON.stringify(body ?? null))).pipe(switchMap(() => of(body)))),
          catchError((err) => from(this.repo.release(scope)).pipe(switchMap(() => throwError(() => err)))),
        );
      }),
    );
  }

  private async begin(scope: string, requestHash: string): Promise<{ status: number; body: unknown } | undefined> {
    if (await this.repo.claim(scope, requestHash)) return undefined;
    const record = await this.repo.find(scope);
    if (!record) {
      // The first request failed and released the key between our claim and read; claim again.
      if (await this.repo.claim(scope, requestHash)) return undefined;
      throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry later.');
    }
    if (record.requestHash !== requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different payload; use a new key.');
    }
    if (record.state === 'IN_PROGRESS') {
      throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry later.');
    }
    return { status: record.responseStatus ?? 200, body: JSON.parse(record.responseBody ?? 'null') };
  }
}
