import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, JWK, SignJWT } from 'jose';
import { DEMO_USERS, Role } from './roles';

export const DEV_ISSUER = 'mapwright-dev';
export const DEV_AUDIENCE = 'mapwright';
export const DEV_ALG = 'ES256';
const KEY_FILE = 'dev-signing-key.json';

interface StoredKey {
  alg: string;
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** Loads the dev signing key from DATA_DIR, generating it on first use (file mode 0600). */
export async function loadOrCreateDevKey(dataDir: string): Promise<StoredKey> {
  const file = path.join(dataDir, KEY_FILE);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as StoredKey;
  fs.mkdirSync(dataDir, { recursive: true });
  const { privateKey, publicKey } = await generateKeyPair(DEV_ALG, { extractable: true });
  const stored: StoredKey = {
    alg: DEV_ALG,
    kid: `dev-${Date.now().toString(36)}`,
    privateJwk: await exportJWK(privateKey),
    publicJwk: await exportJWK(publicKey),
  };
  try {
    // 'wx' so two processes starting together cannot overwrite each other's key.
    fs.writeFileSync(file, JSON.stringify(stored), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(fs.readFileSync(file, 'utf8')) as StoredKey;
    throw err;
  }
  return stored;
}

export interface DevTokenSubject {
  name: string;
  roles: Role[];
}

/**
 * Signs a token for a demo user (by name) or an explicit subject; used by the runtime's dev
 * sign-in endpoint and by `mapwright token --user <name>`.
 */
export async function issueDevToken(dataDir: string, user: string | DevTokenSubject, ttlSeconds = 12 * 3600): Promise<string> {
  const subject = typeof user === 'string' ? DEMO_USERS.find((u) => u.name === user) : user;
  if (!subject) throw new Error(`Unknown demo user "${String(user)}"; use one of ${DEMO_USERS.map((u) => u.name).join(', ')}`);
  const key = await loadOrCreateDevKey(dataDir);
  const privateKey = await importJWK(key.privateJwk, key.alg);
  return new SignJWT({ roles: subject.roles, name: subject.name })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setSubject(subject.name)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(privateKey);
}
