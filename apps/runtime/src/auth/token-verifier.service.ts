import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, importJWK, jwtVerify, JWTPayload, JWTVerifyGetKey } from 'jose';
import { AppError } from '../common/app-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevKey } from './dev-token';
import { Principal } from './principal';
import { canViewSensitive, isRole } from './roles';

type StaticKey = Awaited<ReturnType<typeof importJWK>>;
type KeySource = { kind: 'static'; key: StaticKey } | { kind: 'remote'; jwks: JWTVerifyGetKey };

@Injectable()
export class TokenVerifierService {
  private keySource?: Promise<KeySource>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private source(): Promise<KeySource> {
    this.keySource ??= (async (): Promise<KeySource> => {
      if (this.config.authMode === 'oidc' && this.config.oidc) {
        return { kind: 'remote', jwks: createRemoteJWKSet(new URL(this.config.oidc.jwksUrl)) };
      }
      const stored = await loadOrCreateDevKey(this.config.dataDir);
      return { kind: 'static', key: await importJWK(stored.publicJwk, stored.alg) };
    })();
    return this.keySource;
  }

  /** Ensures the dev key exists at boot, so the CLI and the server agree on it. */
  async warmUp(): Promise<void> {
    await this.source();
  }

  async verify(token: string): Promise<Principal> {
    const source = await this.source();
    const oidc = this.config.authMode === 'oidc' ? this.config.oidc : undefined;
    const options = {
      issuer: oidc ? oidc.issuer : DEV_ISSUER,
      audience: oidc ? oidc.audience : DEV_AUDIENCE,
      algorithms: oidc ? ['RS256', 'ES256', 'EdDSA', 'PS256'] : ['ES256'],
    };
    let payload: JWTPayload;
    try {
      payload = source.kind === 'remote' ? (await jwtVerify(token, source.jwks, options)).payload : (await jwtVerify(token, source.key, options)).payload;
    } catch {
      throw new AppError('UNAUTHENTICATED', 'The bearer token is invalid or expired; sign in again.');
    }
    const claim = readClaim(payload, oidc ? oidc.rolesClaim : 'roles');
    const roles = (Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/[\s,]+/) : []).filter(isRole);
    const name = typeof payload.sub === 'string' && payload.sub ? payload.sub : undefined;
    if (!name) throw new AppError('UNAUTHENTICATED', 'The bearer token has no subject.');
    return { name, roles, viewSensitive: canViewSensitive(roles) };
  }
}

/** Supports dotted claim paths such as `realm_access.roles`. */
function readClaim(payload: JWTPayload, claimPath: string): unknown {
  return claimPath.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), payload);
}
