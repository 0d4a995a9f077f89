import * as net from 'node:net';
import { postgresRequirement, tcpReachable } from './runtime-harness';

describe('PostgreSQL requirement of the end-to-end suites', () => {
  it('skips without PostgreSQL locally but fails the run when CI=true', () => {
    expect(postgresRequirement(false, undefined)).toBe(false);
    expect(postgresRequirement(true, 'true')).toBe(true);
    expect(() => postgresRequirement(false, 'true')).toThrow(/required when CI=true/);
  });

  it('probes TCP reachability for real', async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    expect(tcpReachable('127.0.0.1', port)).toBe(true);
    await new Promise<void>((r) => server.close(() => r()));
    expect(tcpReachable('127.0.0.1', port)).toBe(false);
  });
});
