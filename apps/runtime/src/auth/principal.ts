import type { Role } from './roles';

export interface Principal {
  name: string;
  roles: Role[];
  viewSensitive: boolean;
}

export const SYSTEM_ACTOR = 'system';
