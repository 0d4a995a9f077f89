import { promises as fs } from 'node:fs';
import { inspect } from 'node:util';
import { ConnectorError } from '../framework/connector-error';
import { ClientCredentials, CredentialsProvider, StaticCredentialsProvider, VersionedCredentials } from './client-credentials';

export interface CredentialFiles {
  clientIdFile: string;
  clientSecretFile: string;
}

/**
 * Reads the client id and secret from files (Docker/Kubernetes secrets). Files are stat-ed on every
 * call and re-read only when their modification time, size or inode changed, so a rotated secret
 * is picked up without a restart and an unchanged one costs two stat calls.
 */
export class FileCredentialsProvider implements CredentialsProvider {
  private cached?: VersionedCredentials;

  constructor(private readonly files: CredentialFiles) {}

  async current(): Promise<VersionedCredentials> {
    const [idStat, secretStat] = await Promise.all([this.stat(this.files.clientIdFile), this.stat(this.files.clientSecretFile)]);
    const version = `${fingerprint(idStat)}|${fingerprint(secretStat)}`;
    if (this.cached?.version === version) {
      return this.cached;
    }
    const [clientId, clientSecret] = await Promise.all([this.read(this.files.clientIdFile), this.read(this.files.clientSecretFile)]);
    if (!clientId || !clientSecret) {
      throw new ConnectorError('XERO_CREDENTIALS_EMPTY', 'The client id or client secret file is empty.', 'configuration');
    }
    this.cached = { credentials: new ClientCredentials(clientId, clientSecret), version };
    return this.cached;
  }

  toJSON(): Record<string, unknown> {
    return { type: 'files', clientIdFile: this.files.clientIdFile, clientSecretFile: this.files.clientSecretFile };
  }

  [inspect.custom](): string {
    return `FileCredentialsProvider(${this.files.clientIdFile}, ${this.files.clientSecretFile})`;
  }

  private async stat(path: string) {
    try {
      return await fs.stat(path);
    } catch (error) {
      throw new ConnectorError('XERO_CREDENTIALS_FILE_UNREADABLE', `Cannot read credentials file ${path}.`, 'configuration', { cause: error });
    }
  }

  private async read(path: string): Promise<string> {
    try {
      return (await fs.readFile(path, 'utf8')).trim();
    } catch (error) {
      throw new ConnectorError('XERO_CREDENTIALS_FILE_UNREADABLE', `Cannot read credentials file ${path}.`, 'configuration', { cause: error });
    }
  }
}

function fingerprint(stat: { mtimeMs: number; size: number; ino: number }): string {
  return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
}

/** Credentials settings as parsed once from the environment or a config file at boot. */
export interface XeroCredentialsConfig {
  clientId?: string;
  clientSecret?: string;
  clientIdFile?: string;
  clientSecretFile?: string;
}

/** Files win over inline values, so production can mount secrets while tests pass them directly. */
export function credentialsProviderFromConfig(config: XeroCredentialsConfig): CredentialsProvider {
  if (config.clientIdFile && config.clientSecretFile) {
    return new FileCredentialsProvider({ clientIdFile: config.clientIdFile, clientSecretFile: config.clientSecretFile });
  }
  if (config.clientId && config.clientSecret) {
    return new StaticCredentialsProvider(config.clientId, config.clientSecret);
  }
  throw new ConnectorError(
    'XERO_CREDENTIALS_MISSING',
    'Set XERO_CLIENT_ID_FILE and XERO_CLIENT_SECRET_FILE (or XERO_CLIENT_ID and XERO_CLIENT_SECRET).',
    'configuration',
  );
}

/** Maps the XERO_* variable names onto a config; the caller passes the environment it parsed at boot. */
export function xeroCredentialsConfigFromEnv(env: Record<string, string | undefined>): XeroCredentialsConfig {
  return {
    clientId: env.XERO_CLIENT_ID,
    clientSecret: env.XERO_CLIENT_SECRET,
    clientIdFile: env.XERO_CLIENT_ID_FILE,
    clientSecretFile: env.XERO_CLIENT_SECRET_FILE,
  };
}
