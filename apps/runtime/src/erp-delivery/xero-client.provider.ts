import { createXeroConnector, credentialsProviderFromConfig, StaticCredentialsProvider, XeroConnector } from '@mapwright/connector-xero';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PINO_LOGGER } from '../logging/app-logger';
import { ErpDocumentStore } from './erp-document.store';

interface EmbeddedSandbox {
  apiUrl: string;
  tokenUrl: string;
  close(): Promise<void>;
}

/**
 * One Xero connector per process, built on first use. With no XERO_* credentials the embedded default
 * applies: a local Xero sandbox (contract-validating) receives the documents.
 */
@Injectable()
export class XeroClientProvider implements OnApplicationShutdown {
  private connector?: Promise<XeroConnector>;
  private sandbox?: EmbeddedSandbox;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ErpDocumentStore) private readonly store: ErpDocumentStore,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  get(): Promise<XeroConnector> {
    this.connector ??= this.build().catch((err: unknown) => {
      this.connector = undefined;
      throw err;
    });
    return this.connector;
  }

  private async build(): Promise<XeroConnector> {
    const x = this.config.xero;
    const hasCredentials = Boolean((x.clientId && x.clientSecret) || (x.clientIdFile && x.clientSecretFile));
    if (hasCredentials) {
      return createXeroConnector({
        credentials: credentialsProviderFromConfig(x), apiUrl: x.apiUrl, tokenUrl: x.tokenUrl, store: this.store,
        logger: this.logger, rateLimits: { callsPerMinute: x.callsPerMinute },
      });
    }
    // The sandbox is a development tool, loaded only for the embedded default and never bundled into production paths.
    const sandboxModule = '@mapwright/xero-sandbox';
    const { startXeroSandbox, DEFAULT_SANDBOX_CLIENT } = (await import(sandboxModule)) as typeof import('@mapwright/xero-sandbox');
    const tenants = [...new Set([...ROUTED_TENANTS])];
    this.sandbox = await startXeroSandbox({ port: 0, host: '127.0.0.1', tenants });
    this.logger.info({ apiUrl: this.sandbox.apiUrl }, 'no Xero credentials configured; posting to the embedded Xero sandbox');
    return createXeroConnector({
      credentials: new StaticCredentialsProvider(DEFAULT_SANDBOX_CLIENT.clientId, DEFAULT_SANDBOX_CLIENT.clientSecret),
      apiUrl: this.sandbox.apiUrl, tokenUrl: this.sandbox.tokenUrl, store: this.store, logger: this.logger,
      rateLimits: { callsPerMinute: 1_000_000, maxConcurrent: 32 },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sandbox?.close();
  }
}

/** Tenants named by the shipped routing rules (mapping-specs/routing), so the embedded sandbox accepts them. */
export const ROUTED_TENANTS = [
  '8c2b7f4e-0d1a-4f3b-9e2c-5a6b7c8d9e01', '1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6',
  '3f4e5d6c-7b8a-4c9d-8e1f-2a3b4c5d6e7f', '6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d',
];
