import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditEventDto {
  @ApiProperty() seq!: number;
  @ApiProperty() at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ example: 'version.approved' }) action!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ nullable: true, type: String }) beforeHash!: string | null;
  @ApiProperty({ nullable: true, type: String }) afterHash!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
}

export class BrokenLinkDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: ['sequence-gap', 'previous-hash-mismatch', 'row-hash-mismatch'] }) reason!: string;
  @ApiProperty() expected!: string;
  @ApiProperty() found!: string;
}

export class AuditVerdictDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ description: 'Rows verified before the first broken link' }) checked!: number;
  @ApiProperty() headHash!: string;
  @ApiPropertyOptional({ type: BrokenLinkDto }) firstBroken?: BrokenLinkDto;
}
