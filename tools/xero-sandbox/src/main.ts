#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { DEFAULT_SANDBOX_CLIENT, DEFAULT_SANDBOX_TENANT, startXeroSandbox } from './xero-sandbox.server';

/** `node tools/xero-sandbox/dist/main.js --port 4010 [--host 127.0.0.1] [--tenant <id>]… [--client-id x --client-secret y]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      tenant: { type: 'string', multiple: true },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'client-secret-file': { type: 'string' },
      'token-ttl': { type: 'string', default: '1800' },
      contract: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`XERO_SANDBOX_BAD_PORT: --port must be 0-65535, got ${values.port}`);
  }
  const secretFromFile = values['client-secret-file']
    ? readFileSync(values['client-secret-file'], 'utf8').trim()
    : undefined;
  const logger = pino({ name: 'xero-sandbox' });
  const sandbox = await startXeroSandbox({
    port,
    host: values.host,
    tenants: values.tenant && values.tenant.length > 0 ? values.tenant : [DEFAULT_SANDBOX_TENANT],
    clients: [
      {
        clientId: values['client-id'] ?? DEFAULT_SANDBOX_CLIENT.clientId,
        clientSecret: secretFromFile ?? values['client-secret'] ?? DEFAULT_SANDBOX_CLIENT.clientSecret,
      },
    ],
    tokenTtlSeconds: Number(values['token-ttl']),
    contractPath: values.contract,
    logger,
  });
  logger.info({ apiUrl: sandbox.apiUrl, tokenUrl: sandbox.tokenUrl }, 'xero sandbox ready');
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
