import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'REJECTED', 'RETIRED'];

export class SpecSummaryDto {
  @ApiProperty({ example: 'harvest-time-entry' }) id!: string;
  @ApiProperty({ enum: ['inbound', 'outbound', 'canonical', 'reference', 'routing'] }) kind!: string;
  @ApiProperty() description!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ enum: ['financial', 'operational', 'standard'] }) riskClass!: string;
  @ApiProperty({ nullable: true, type: String, example: '1.0.0' }) publishedVersion!: string | null;
  @ApiProperty({ nullable: true, type: String }) latestVersion!: string | null;
  @ApiProperty() createdAt!: string;
}

export class ApprovalDto {
  @ApiProperty({ example: 'bob' }) approver!: string;
  @ApiProperty({ enum: ['APPROVE', 'REJECT'] }) decision!: string;
  @ApiProperty() comment!: string;
  @ApiProperty({ nullable: true, type: String }) evidenceHash!: string | null;
  @ApiProperty() emergency!: boolean;
  @ApiProperty() correlationId!: string;
  @ApiProperty() createdAt!: string;
}

export class VersionDto {
  @ApiProperty() specId!: string;
  @ApiProperty({ example: '1.1.0' }) version!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ description: 'sha256 of the canonical JSON content' }) contentHash!: string;
  @ApiProperty() author!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Version the draft was copied from' }) basedOn!: string | null;
  @ApiProperty({ example: 2 }) requiredApprovals!: number;
  @ApiProperty() emergency!: boolean;
  @ApiProperty({ nullable: true, type: String }) evidenceHash!: string | null;
  @ApiProperty() correlationId!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty({ type: [ApprovalDto] }) approvals!: ApprovalDto[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: '{manifest, expression, tests, inputSchema, outputSchema, data}' })
  content?: Record<string, unknown>;
}

export class SpecDetailDto extends SpecSummaryDto {
  @ApiProperty({ type: [VersionDto] }) versions!: VersionDto[];
}

export class EvidenceDto {
  @ApiProperty({ description: 'sha256 of the canonical JSON of document' }) hash!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'checks, semver verdict, spec test report, output diff vs published' })
  document!: Record<string, unknown>;
}

export class RunResultDto {
  @ApiProperty() executionId!: string;
  @ApiProperty() specId!: string;
  @ApiProperty({ description: 'The version pinned at the start of the run' }) version!: string;
  @ApiProperty() contentHash!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ description: 'Mapping output; sensitive fields masked for roles without view-sensitive' }) output!: unknown;
}
