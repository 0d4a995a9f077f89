import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReplayFilterDto {
  @ApiPropertyOptional({ example: 'invoice.finalised' })
  type?: string;
  @ApiPropertyOptional({ example: 'le-uk' })
  legalEntity?: string;
  @ApiPropertyOptional({ example: 'erp-delivery' })
  consumer?: string;
  @ApiPropertyOptional({ example: 'XERO_VALIDATION_FAILED', description: 'Replays dead letters whose failure history holds this code' })
  code?: string;
  @ApiPropertyOptional({ type: [String], description: 'Dead letter ids' })
  ids?: string[];
}

export const REPLAY_FILTER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 100 },
    legalEntity: { type: 'string', minLength: 1, maxLength: 100 },
    consumer: { type: 'string', minLength: 1, maxLength: 100 },
    code: { type: 'string', minLength: 1, maxLength: 60 },
    ids: { type: 'array', items: { type: 'string', maxLength: 36 }, maxItems: 1000 },
  },
};

export class PauseDto {
  @ApiProperty({ example: 'le-uk:invoice:inv-9001' })
  partitionKey!: string;
  @ApiPropertyOptional({ example: 'customer master being corrected' })
  reason?: string;
}

export const PAUSE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['partitionKey'],
  properties: { partitionKey: { type: 'string', minLength: 1, maxLength: 300 }, reason: { type: 'string', maxLength: 1000 } },
};
