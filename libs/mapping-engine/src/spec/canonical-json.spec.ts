import { execFileSync } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { contentHash } from './content-hash';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** The canonicalize package is ESM-only; ask a plain node process for its answers. */
function canonicalizeInNode(values: unknown[]): string[] {
  const script = "import c from 'canonicalize'; let s=''; process.stdin.on('data', d => s += d).on('end', () => process.stdout.write(JSON.stringify(JSON.parse(s).map(v => c(v)))));";
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, input: JSON.stringify(values) });
  return JSON.parse(out.toString('utf8')) as string[];
}

describe('canonicalJson (RFC 8785)', () => {
  it('matches the canonicalize package byte for byte', () => {
    const samples = fc.sample(fc.jsonValue({ maxDepth: 4 }), { numRuns: 300, seed: 8785 });
    samples.push({ b: 1, a: [1e21, 1e-7, 0.1, -0, 123456789012345680000], '€': 'x', é: null, '\u0000': '\u2028' });
    const expected = canonicalizeInNode(samples);
    expect(samples.map((v) => canonicalJson(v))).toEqual(expected);
  }, 30000);

  it('sorts keys by UTF-16 code units (a surrogate pair before U+FFFF) and drops undefined members', () => {
    expect(canonicalJson({ b: 2, a: { d: undefined, c: [3, undefined] }, '\ud83d\ude00': 1, '\uffff': 2 })).toBe('{"a":{"c":[3,null]},"b":2,"\ud83d\ude00":1,"\uffff":2}');
  });

  it('refuses non-finite numbers, cycles and lone surrogates unless told to accept them', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
    expect(() => canonicalJson('\ud800')).toThrow(TypeError);
    expect(canonicalJson('\ud800', { allowLoneSurrogates: true })).toBe('"\\ud800"');
  });
});

describe('contentHash', () => {
  const spec = { id: 'a', version: '1.0.0', expression: 'x', inputSchema: { type: 'object', required: ['x'] } };

  it('is the sha256 of the canonical spec, independent of key order', () => {
    expect(contentHash(spec)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash({ inputSchema: { required: ['x'], type: 'object' }, expression: 'x', version: '1.0.0', id: 'a' })).toBe(contentHash(spec));
  });

  it('changes with anything that changes behaviour', () => {
    const base = contentHash(spec);
    expect(contentHash({ ...spec, expression: 'y' })).not.toBe(base);
    expect(contentHash({ ...spec, version: '1.0.1' })).not.toBe(base);
    expect(contentHash({ ...spec, guardrails: { timeoutMs: 10 } })).not.toBe(base);
    expect(contentHash({ ...spec, outputSchema: {} })).not.toBe(base);
  });
});
