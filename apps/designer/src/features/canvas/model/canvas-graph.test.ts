import { describe, expect, it } from 'vitest';
import { buildGraph, isValidMappingConnection } from './canvas-graph';
import { parseCanvasLayout } from './canvas-layout';
import { parseMapping } from './jsonata-mapping';
import type { SchemaField } from './schema-tree';

const field = (path: string, required = false): SchemaField => ({ path, name: path.split('.').pop() ?? path, depth: path.split('.').length - 1, type: 'string', required, hasChildren: false });

describe('buildGraph', () => {
  it('draws paths as edges, library calls as transform nodes and the rest as expression nodes', () => {
    const parsed = parseMapping('( $x := 1; { "a": user.id, "b": $decRound(hours, 2), "c": $count(items) } )');
    if (!parsed.ok) throw new Error('parse');
    const { nodes, edges } = buildGraph({
      model: parsed.model, sourceFields: [field('user'), field('user.id'), field('hours'), field('items')], targetFields: [field('a'), field('b'), field('c')],
      missing: [], selectedTarget: null, positions: {}, onSelect: () => undefined,
    });
    expect(nodes.map((n) => `${n.id}:${n.type}`)).toEqual(['source:schema', 'target:schema', 'prelude:textBlock', 'rule:b:transform', 'rule:c:expression']);
    expect(edges.map((e) => e.id)).toEqual(['direct:a', 'in:b:hours', 'out:b', 'in:c:items', 'out:c']);
    expect(edges[0]).toMatchObject({ sourceHandle: 's:user.id', targetHandle: 't:a' });
  });
});

describe('isValidMappingConnection', () => {
  it('allows source → target, source → rule input and rule output → target only', () => {
    expect(isValidMappingConnection({ source: 'source', sourceHandle: 's:hours', target: 'target', targetHandle: 't:a' })).toBe(true);
    expect(isValidMappingConnection({ source: 'source', sourceHandle: 's:hours', target: 'rule:b', targetHandle: 'in' })).toBe(true);
    expect(isValidMappingConnection({ source: 'rule:b', sourceHandle: 'out', target: 'target', targetHandle: 't:a' })).toBe(true);
    expect(isValidMappingConnection({ source: 'rule:b', sourceHandle: 'out', target: 'rule:c', targetHandle: 'in' })).toBe(false);
    expect(isValidMappingConnection({ source: 'target', sourceHandle: 't:a', target: 'source', targetHandle: 's:hours' })).toBe(false);
  });
});

describe('parseCanvasLayout', () => {
  it('accepts its own version for the same spec and drops invalid positions', () => {
    const raw = JSON.stringify({ layoutVersion: 1, specId: 'x', positions: { source: { x: 1, y: 2 }, bad: { x: 'a', y: 1 } } });
    expect(parseCanvasLayout(raw, 'x')).toEqual({ layoutVersion: 1, specId: 'x', positions: { source: { x: 1, y: 2 } } });
  });

  it('discards other versions, other specs and garbage', () => {
    expect(parseCanvasLayout(JSON.stringify({ layoutVersion: 2, specId: 'x', positions: {} }), 'x')).toBeNull();
    expect(parseCanvasLayout(JSON.stringify({ layoutVersion: 1, specId: 'y', positions: {} }), 'x')).toBeNull();
    expect(parseCanvasLayout('{not json', 'x')).toBeNull();
  });
});
