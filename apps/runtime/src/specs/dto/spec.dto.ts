import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const manifestSchema = { type: 'object' };
const testsSchema = { type: 'array', items: { type: 'object' } };

export class CreateDraftDto {
  @ApiProperty({ example: '1.1.0', description: 'Semver, higher than every existing version of the spec' })
  version!: string;
  @ApiPropertyOptional({ example: '1.0.0', description: 'Copy content from this version (rollback, or rework after a rejection)' })
  fromVersion?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'spec.yaml manifest fields; a new spec needs kind, description, owner and riskClass' })
  manifest?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'JSONata source' })
  expression?: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'Test cases as in tests/*.yaml' })
  tests?: Record<string, unknown>[];
  @ApiPropertyOptional({ description: 'Tables or rules for reference/routing kinds' })
  data?: unknown;
}

export const CREATE_DRAFT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: {
    version: { type: 'string', minLength: 5, maxLength: 64 },
    fromVersion: { type: 'string', maxLength: 64 },
    manifest: manifestSchema,
    expression: { type: 'string', maxLength: 200000 },
    tests: testsSchema,
    data: {},
  },
};

export class EditDraftDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  manifest?: Record<string, unknown>;
  @ApiPropertyOptional()
  expression?: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' } })
  tests?: Record<string, unknown>[];
  @ApiPropertyOptional()
  data?: unknown;
}

export const EDIT_DRAFT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { manifest: manifestSchema, expression: { type: 'string', maxLength: 200000 }, tests: testsSchema, data: {} },
};

export class DecisionDto {
  @ApiProperty({ example: 'Totals unchanged on all samples' })
  comment!: string;
  @ApiPropertyOptional({ description: 'Hash of the evidence reviewed; refused when it no longer matches' })
  evidenceHash?: string;
}

export const DECISION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['comment'],
  properties: { comment: { type: 'string', minLength: 1, maxLength: 4000 }, evidenceHash: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
};

export class EmergencyPublishDto {
  @ApiProperty({ example: 'ERP rejects every invoice since the tax code change' })
  reason!: string;
}

export const EMERGENCY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', minLength: 5, maxLength: 4000 } },
};

export class PreviewDto {
  @ApiPropertyOptional({ example: '1.0.0', description: 'Any version; default the published one' })
  version?: string;
  @ApiProperty({ description: 'Input document for the mapping' })
  input!: unknown;
  @ApiPropertyOptional({ description: 'ISO instant pinned for $now()' })
  now?: string;
}

export const PREVIEW_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['input'],
  properties: { version: { type: 'string' }, input: {}, now: { type: 'string' } },
};

export class ShadowRunDto {
  @ApiPropertyOptional({ description: 'How many recent recorded inputs to replay', example: 50 })
  limit?: number;
}

export const SHADOW_RUN_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 10000 } },
};

export class CloseReviewDto {
  @ApiProperty({ example: 'Root cause fixed in 1.2.1; normal approvals confirmed' })
  comment!: string;
}

export const CLOSE_REVIEW_SCHEMA = DECISION_SCHEMA;
