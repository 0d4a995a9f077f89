import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: '/version' })
  pointer!: string;
  @ApiProperty({ example: 'must be higher than existing versions' })
  message!: string;
}

/** RFC 9457 problem details as this API emits them (media type application/problem+json). */
export class ProblemDto {
  @ApiProperty({ example: 'https://mapwright.dev/problems/self-approval-forbidden' })
  type!: string;
  @ApiProperty({ example: 'Forbidden' })
  title!: string;
  @ApiProperty({ example: 403 })
  status!: number;
  @ApiProperty({ example: 'You wrote fin-cost@1.0.0; another approver must decide on it.' })
  detail!: string;
  @ApiProperty({ example: 'SELF_APPROVAL_FORBIDDEN' })
  code!: string;
  @ApiProperty({ example: '/api/v1/specs/fin-cost/versions/1.0.0/approve' })
  instance!: string;
  @ApiPropertyOptional({ example: '5f0c2a8e-6b5e-4a43-9d3c-2b1f0e6c7d11' })
  correlationId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
