import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { classifyExpression, removeMapping, replaceSource, retarget, ruleForPointer, setMapping } from './field-mapping';
import { generateMapping, ObjectMapping, parseMapping } from './jsonata-mapping';

const harvest = readFileSync(resolve(process.cwd(), '../../mapping-specs/harvest-time-entry/1.0.0/mapping.jsonata'), 'utf8');

function objectModel(text: string): ObjectMapping {
  const parsed = parseMapping(text);
  if (!parsed.ok || parsed.model.kind !== 'object') throw new Error('expected an object mapping');
  return parsed.model;
}

describe('parseMapping / generateMapping', () => {
  it('reads the shipped Harvest mapping into field rules and keeps the block prelude verbatim', () => {
    const model = objectModel(harvest);
    expect(model.prefix).toContain('$assert(is_running != true');
    expect(model.prefix).toContain('$status := is_billed = true');
    expect(model.suffix.trim()).toBe(')');
    const targets = model.fields.map((f) => f.target);
    expect(targets).toContain('quantity.value');
    expect(targets).toContain('quantity.unit');
    expect(model.fields.find((f) => f.target === 'date')?.expression).toBe('spent_date');
    expect(model.fields.find((f) => f.target === 'externalRefs')?.expression).toBe('[{ "system": "harvest", "id": $string(id) }]');
  });

  it('round-trips canvas → text → canvas without losing rules, and the generated text means the same', async () => {
    const model = objectModel(harvest);
    const text = generateMapping(model);
    const again = objectModel(text);
    expect(again.fields).toEqual(model.fields);
    expect(again.prefix).toBe(model.prefix);
    const input = { id: 7, hours: 1.3333, spent_date: '2026-03-02', user: { id: 1 }, project: { id: 2 }, billable: false, is_running: false };
    const strip = (t: string) => t.replace(/\$xref\([^)]*\)/g, '"x"').replace(/\$decRound\(hours, 2\)/g, '$string(hours)');
    const [a, b] = await Promise.all([jsonata(strip(harvest)).evaluate(input, { legalEntityId: 'le', correlationId: 'c' }), jsonata(strip(text)).evaluate(input, { legalEntityId: 'le', correlationId: 'c' })]);
    expect(b).toEqual(a);
  });

  it('keeps what the canvas cannot draw: non-object mappings stay one opaque text block', () => {
    const text = '$map(items, function($i) { $i.name })';
    const parsed = parseMapping(text);
    expect(parsed.ok && parsed.model.kind).toBe('opaque');
    expect(parsed.ok && generateMapping(parsed.model)).toBe(text);
  });

  it('keeps unknown expressions and comments inside the object through a canvas edit', () => {
    const text = '{\n  /* why: the ERP wants upper case */\n  "code": $uppercase(a.b) ~> $substring(0, 3),\n  "n": $count(items[price > 10])\n}';
    const model = setMapping(objectModel(text), 'extra', 'c');
    const out = generateMapping(model);
    expect(out).toContain('/* why: the ERP wants upper case */');
    expect(out).toContain('$uppercase(a.b) ~> $substring(0, 3)');
    expect(out).toContain('$count(items[price > 10])');
    expect(objectModel(out).fields.map((f) => f.target)).toEqual(['code', 'n', 'extra']);
  });

  it('reports a syntax error at the offending token', () => {
    const text = '{ "a": x + }';
    const parsed = parseMapping(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('S0211');
      expect(text.slice(parsed.error.start, parsed.error.end)).toBe('}');
    }
  });

  it('points an unexpected end of input at the last character', () => {
    const parsed = parseMapping('created_at +');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect([parsed.error.code, parsed.error.start, parsed.error.end]).toEqual(['S0207', 11, 12]);
  });
});

describe('field rules', () => {
  it('classifies paths, library transforms, conditions and anything else', () => {
    expect(classifyExpression('user.id')).toMatchObject({ kind: 'direct', sources: ['user.id'] });
    expect(classifyExpression('$decRound(hours, 2)')).toMatchObject({ kind: 'transform', category: 'decimal', fn: 'decRound', sources: ['hours'] });
    expect(classifyExpression('$xref("t", task.name, spent_date)')).toMatchObject({ category: 'lookup', sources: ['task.name', 'spent_date'] });
    expect(classifyExpression('"harvest-te-" & $string(id)')).toMatchObject({ category: 'concat', sources: ['id'] });
    expect(classifyExpression('billable = true ? "a"')).toMatchObject({ category: 'condition' });
    expect(classifyExpression('"HUR"')).toMatchObject({ kind: 'constant' });
    expect(classifyExpression('$count(x)').kind).toBe('expression');
  });

  it('edits rules the way canvas gestures do', () => {
    let model = objectModel('{ "a": x, "b": $decRound(y, 2) }');
    model = retarget(model, 'b', 'c');
    expect(model.fields.map((f) => f.target)).toEqual(['a', 'c']);
    model = removeMapping(model, 'a');
    expect(model.fields).toHaveLength(1);
    expect(replaceSource('$decRound(y, 2)', 'y', 'hours')).toBe('$decRound(hours, 2)');
    expect(replaceSource('$xref("y", y)', 'y', 'z')).toBe('$xref("y", z)');
    expect(ruleForPointer(objectModel('{ "q": { "v": x } }'), '/q/v')?.expression).toBe('x');
    expect(ruleForPointer(objectModel('{ "refs": [x] }'), '/refs/0/id')?.target).toBe('refs');
  });
});
