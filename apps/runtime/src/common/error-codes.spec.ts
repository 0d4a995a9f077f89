import { ErrorCode, statusForCode, titleForStatus } from './error-codes';

const ALL: ErrorCode[] = [
  'UNAUTHENTICATED', 'FORBIDDEN_ROLE', 'SELF_APPROVAL_FORBIDDEN', 'DUPLICATE_APPROVAL', 'EMERGENCY_REVIEWER_CONFLICT',
  'SPEC_NOT_FOUND', 'VERSION_NOT_FOUND', 'REVIEW_NOT_FOUND', 'NO_PUBLISHED_VERSION', 'ROUTE_NOT_FOUND', 'DEV_TOKENS_DISABLED', 'UNKNOWN_USER',
  'VERSION_IMMUTABLE', 'INVALID_TRANSITION', 'VERSION_EXISTS', 'PUBLISH_CONFLICT', 'IDEMPOTENCY_IN_PROGRESS', 'IDEMPOTENCY_KEY_REUSED',
  'VALIDATION_FAILED', 'SEMVER_MAJOR_REQUIRED', 'VERSION_NOT_GREATER', 'INSUFFICIENT_APPROVALS', 'MAPPING_FAILED', 'INVALID_JSON',
  'UNSAFE_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'INTERNAL', 'MASTER_DATA_TYPE_UNKNOWN', 'MASTER_DATA_NOT_FOUND',
  'SOURCE_NOT_AUTHORITATIVE', 'INTAKE_SOURCE_UNKNOWN', 'TIME_ENTRY_NOT_FOUND', 'TIME_ENTRY_REJECTED', 'EXCEPTION_NOT_FOUND',
  'DEAD_LETTER_NOT_FOUND', 'DEAD_LETTER_ALREADY_REPLAYED', 'SCENARIO_INVALID', 'INVOICE_CANDIDATE_NOT_FOUND', 'INVOICE_NOT_FOUND',
  'BILLING_CONFLICT', 'BILLING_REFUSED',
];

describe('statusForCode', () => {
  it('maps every code to an error status with a title', () => {
    for (const code of ALL) {
      const status = statusForCode(code);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(titleForStatus(status)).not.toBe('Error');
    }
  });
  it('keeps the statuses clients rely on', () => {
    expect(statusForCode('SELF_APPROVAL_FORBIDDEN')).toBe(403);
    expect(statusForCode('VERSION_IMMUTABLE')).toBe(409);
    expect(statusForCode('IDEMPOTENCY_KEY_REUSED')).toBe(422);
    expect(statusForCode('IDEMPOTENCY_IN_PROGRESS')).toBe(409);
    expect(statusForCode('SPEC_NOT_FOUND')).toBe(404);
  });
});
