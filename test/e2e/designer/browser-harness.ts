import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'designer');
const RUNTIME_MAIN = path.join(ROOT, 'apps/runtime/dist/main.js');
const DESIGNER_INDEX = path.join(ROOT, 'apps/designer/dist/index.html');

/**
 * Whether the browser suite can run. Outside CI a missing Chromium or build is a plain skip with the reason;
 * with CI=true it is an error, because CI installs Chromium and builds before testing.
 */
export function browserSuiteRequirement(ci: string | undefined, exists: (p: string) => boolean = fs.existsSync): { run: boolean; reason: string } {
  const missing = [
    !exists(CHROMIUM) && `${CHROMIUM} is missing (apt-get install -y chromium)`,
    !exists(RUNTIME_MAIN) && 'apps/runtime/dist is missing (npm run build)',
    !exists(DESIGNER_INDEX) && 'apps/designer/dist is missing (npm run build)',
  ].filter((x): x is string => typeof x === 'string');
  if (missing.length === 0) return { run: true, reason: '' };
  const reason = `Designer browser tests skipped: ${missing.join('; ')}.`;
  if (ci === 'true') throw new Error(`${reason} They are required when CI=true.`);
  return { run: false, reason };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningRuntime {
  baseUrl: string;
  output: string[];
  stop(): Promise<void>;
}

/** The built runtime as `npm start` runs it, on a free port with a throw-away data directory. */
export async function startBuiltRuntime(): Promise<RunningRuntime> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapwright-designer-e2e-'));
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [RUNTIME_MAIN], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, AUTH_MODE: 'dev', LOG_LEVEL: 'warn', MAPPING_WORKERS: '0', DATABASE_URL: '', NATS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => output.push(String(d)));
  child.stderr?.on('data', (d) => output.push(String(d)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`runtime exited with ${child.exitCode}:\n${output.join('')}`);
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`runtime did not become healthy:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    baseUrl,
    output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => { timer = setTimeout(r, 10_000); })]);
        clearTimeout(timer);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'];
