import { ReactNode, useState } from 'react';
import { SessionProvider } from '../features/auth/hooks/useSession';
import type { Role } from '../features/auth/model/permissions';
import type { JsonSchema, SpecTestCase, VersionDetail, VersionStatus } from '../features/specs/api/specs.api';
import type { SpecWorkspace } from '../features/specs/hooks/useSpecWorkspace';

export const INPUT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { a: { type: 'object', properties: { id: { type: 'integer' }, b: { type: 'string' }, c: { type: 'number' } } } },
};

export const OUTPUT_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['id', 'total'],
  properties: { id: { type: 'string' }, code: { type: 'string' }, total: { $ref: '#/$defs/Decimal' } },
  $defs: { Decimal: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' } },
};

export function detail(expression: string, status: VersionStatus = 'DRAFT', author = 'alice'): VersionDetail {
  return {
    specId: 'demo', version: '1.1.0', status, contentHash: 'h', author, basedOn: '1.0.0', requiredApprovals: 2, evidenceHash: null,
    createdAt: '2026-03-01T00:00:00Z', publishedAt: null, approvals: [],
    content: { manifest: {}, expression, tests: [{ name: 'one', input: { a: { id: 7, b: 'abcdef', c: 1.234 } }, expect: { output: {} } }], inputSchema: INPUT_SCHEMA, outputSchema: OUTPUT_SCHEMA },
  };
}

/** A SpecWorkspace held in React state, so components under test see their own edits. */
export function useFakeWorkspace(initial: VersionDetail): SpecWorkspace {
  const [expression, setExpression] = useState(initial.content.expression);
  const [tests, setTests] = useState<SpecTestCase[]>(initial.content.tests);
  const [data, setData] = useState<unknown>(initial.content.data);
  const noop = async () => undefined;
  return {
    specId: initial.specId, history: [initial], detail: initial, expression, tests, data,
    dirty: expression !== initial.content.expression || JSON.stringify(data) !== JSON.stringify(initial.content.data),
    reference: undefined, busy: null, error: null, notice: null, setExpression, setTests, setData,
    selectVersion: noop, newDraft: noop, save: noop, submit: noop, reload: noop, clearMessages: () => undefined,
  };
}

export function WithSession({ user, role, children }: { user: string; role: Role; children: ReactNode }) {
  return <SessionProvider initial={{ user, roles: [role], token: 't' }}>{children}</SessionProvider>;
}
