import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const ROLES_METADATA = 'mapwright:roles';
export const PUBLIC_METADATA = 'mapwright:public';

/** Declares which roles may call an endpoint; the guard refuses every route that declares nothing. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_METADATA, roles);

/** Marks an endpoint as callable without a token (health, metrics, dev sign-in). */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);
