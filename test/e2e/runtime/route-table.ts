import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_METADATA, ROLES_METADATA } from '../../../apps/runtime/src/auth/roles.decorator';
import type { Role } from '../../../apps/runtime/src/auth/roles';

export interface RouteEntry {
  method: string;
  path: string;
  handler: string;
  isPublic: boolean;
  roles: Role[] | undefined;
}

const UNPREFIXED = new Set(['/health', '/metrics']);

function join(...parts: string[]): string {
  return `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
}

/** Every controller method Nest registered, read from the same metadata the router and guard use. */
export function routeTable(app: INestApplication): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!ctrl) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const fn = ctrl.prototype[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (method === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, fn) ?? '');
        const local = join(base, sub);
        routes.push({
          method: RequestMethod[method],
          path: UNPREFIXED.has(local) ? local : join('api/v1', local),
          handler: `${ctrl.name}.${name}`,
          isPublic: Reflect.getMetadata(PUBLIC_METADATA, fn) === true || Reflect.getMetadata(PUBLIC_METADATA, ctrl) === true,
          roles: (Reflect.getMetadata(ROLES_METADATA, fn) ?? Reflect.getMetadata(ROLES_METADATA, ctrl)) as Role[] | undefined,
        });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** Fills `:params` with values that exist nowhere, so allowed calls end in 404/422 rather than side effects. */
export function concretePath(path: string): string {
  return path.replace(/:version\b/g, '9.9.9').replace(/:[A-Za-z]+/g, 'matrix-missing');
}
