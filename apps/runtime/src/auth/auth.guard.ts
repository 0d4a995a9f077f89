import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError } from '../common/app-error';
import { requestContext } from '../common/request-context';
import { Principal } from './principal';
import { PUBLIC_METADATA, ROLES_METADATA } from './roles.decorator';
import type { Role } from './roles';
import { TokenVerifierService } from './token-verifier.service';

export type AuthedRequest = Request & { principal?: Principal };

/** Global guard: 401 without a valid token, 403 when no declared role matches (or none is declared). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifierService) private readonly verifier: TokenVerifierService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <token>.');
    const principal = await this.verifier.verify(match[1]);
    req.principal = principal;
    const ctx = requestContext.get();
    if (ctx) ctx.actor = principal.name;
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_METADATA, targets) ?? [];
    if (!principal.roles.some((r) => allowed.includes(r))) {
      throw new AppError('FORBIDDEN_ROLE', `This endpoint needs one of the roles: ${allowed.join(', ') || '(none)'}; you have ${principal.roles.join(', ') || 'no roles'}.`);
    }
    return true;
  }
}
