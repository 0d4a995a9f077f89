import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AppError } from '../common/app-error';
import type { AuthedRequest } from './auth.guard';
import type { Principal } from './principal';

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <token>.');
  return principal;
});
