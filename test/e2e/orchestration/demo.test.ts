import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Harness, startRuntime } from '../runtime/runtime-harness';
import { REPO_ROOT } from './orchestration-harness';

const DEMO = path.join(REPO_ROOT, 'tools/demo/demo.mjs');

function runDemo(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DEMO, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `npm run demo` against a runtime on a temporary SQLite database, with the demo firm and the embedded Xero sandbox. */
describe('npm run demo [sqlite, in-process, embedded Xero sandbox]', () => {
  let h: Harness;
  let url: string;

  beforeAll(async () => {
    h = await startRuntime('sqlite', { SPECS_DIR: path.join(REPO_ROOT, 'mapping-specs'), SEED_DEMO_DATA: 'true', LOG_LEVEL: 'warn' });
    await h.runtime.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(h.runtime.app.getHttpServer().address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await h.sql<{ n: number }>(sql, params))[0].n);

  it('streams three working days of Harvest time through intake, rating, billing and posting, and the counts add up', async () => {
    const run = await runDemo(['--url', url, '--days', '3', '--json']);
    expect(run.stderr).not.toContain('demo failed');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);

    // Intake: every good record accepted; the three bad ones (one a day) refused and queued.
    expect(result.days).toBe(3);
    expect(result.intake.accepted).toBeGreaterThanOrEqual(24);
    expect(await count(`SELECT count(*) AS n FROM time_entries WHERE source_system = 'harvest'`)).toBe(result.intake.accepted);
    expect(result.intake.rejected).toBe(3);
    expect(result.badRecordsSent).toBe(3);
    const refused = await h.sql<{ object_id: string; code: string }>(`SELECT object_id, code FROM business_exceptions WHERE category IN ('mapping', 'schema', 'business') AND state = 'open'`);
    expect(new Set(refused.map((r) => r.object_id)).size).toBe(3);
    expect(refused.map((r) => r.code)).toEqual(expect.arrayContaining(['TE_UNKNOWN_PROJECT', 'TE_PERIOD_CLOSED', 'TE_EMPLOYEE_INACTIVE']));
    const approvalExceptions = await h.sql<{ code: string }>(`SELECT code FROM business_exceptions WHERE category = 'approval'`);
    expect(approvalExceptions.map((e) => e.code)).toEqual(['TE_APPROVAL_TIME_ENTRY_NOT_FOUND']);
    expect(result.openExceptions.total).toBe(refused.length + 1);

    // Approved time rated and journalled.
    expect(result.approvals.applied).toBe(await count(`SELECT count(*) AS n FROM time_entry_transitions WHERE to_status = 'approved'`));
    expect(result.journals).toBe(await count(`SELECT count(*) AS n FROM journals WHERE legal_entity_id = 'le-us' AND period = '2026-03'`));
    expect(result.journals).toBeGreaterThan(0);

    // Billing and posting: every finalised invoice confirmed by the ERP sandbox, none missing there.
    const invoices = await count(`SELECT count(*) AS n FROM invoices WHERE legal_entity_id = 'le-us'`);
    expect(invoices).toBeGreaterThanOrEqual(1);
    expect(result.invoicesFinalised).toHaveLength(invoices);
    expect(await count(`SELECT count(*) AS n FROM erp_documents WHERE doc_type = 'invoice' AND state = 'CONFIRMED'`)).toBe(invoices);
    expect(result.erp).toEqual(expect.objectContaining({ matched: invoices, missingInErp: 0, notPosted: 0 }));
    expect(await count(`SELECT count(*) AS n FROM dead_letters`)).toBe(0);
  }, 240_000);

  it('is idempotent: a second run sends the same records, which intake counts as duplicates, and bills nothing twice', async () => {
    const before = await count('SELECT count(*) AS n FROM invoices');
    const run = await runDemo(['--url', url, '--days', '3', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.intake.accepted).toBe(0);
    expect(result.intake.duplicate).toBeGreaterThanOrEqual(24);
    expect(result.invoicesFinalised).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM invoices')).toBe(before);
  }, 240_000);

  it('exits non-zero with a clear message when the runtime it was pointed at does not answer', async () => {
    const run = await runDemo(['--url', 'http://127.0.0.1:9', '--days', '1', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('demo failed: nothing answers at http://127.0.0.1:9/health');
  }, 60_000);
});
