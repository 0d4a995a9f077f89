import { assertUnreachable } from './assert-unreachable';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN_ROLE'
  | 'SELF_APPROVAL_FORBIDDEN'
  | 'DUPLICATE_APPROVAL'
  | 'EMERGENCY_REVIEWER_CONFLICT'
  | 'SPEC_NOT_FOUND'
  | 'VERSION_NOT_FOUND'
  | 'REVIEW_NOT_FOUND'
  | 'NO_PUBLISHED_VERSION'
  | 'ROUTE_NOT_FOUND'
  | 'DEAD_LETTER_NOT_FOUND'
  | 'DEAD_LETTER_ALREADY_REPLAYED'
  | 'DEV_TOKENS_DISABLED'
  | 'UNKNOWN_USER'
  | 'VERSION_IMMUTABLE'
  | 'INVALID_TRANSITION'
  | 'VERSION_EXISTS'
  | 'PUBLISH_CONFLICT'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'VALIDATION_FAILED'
  | 'SEMVER_MAJOR_REQUIRED'
  | 'VERSION_NOT_GREATER'
  | 'INSUFFICIENT_APPROVALS'
  | 'MAPPING_FAILED'
  | 'INVALID_JSON'
  | 'UNSAFE_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'MASTER_DATA_TYPE_UNKNOWN'
  | 'MASTER_DATA_NOT_FOUND'
  | 'SOURCE_NOT_AUTHORITATIVE'
  | 'INTAKE_SOURCE_UNKNOWN'
  | 'TIME_ENTRY_NOT_FOUND'
  | 'TIME_ENTRY_REJECTED'
  | 'EXCEPTION_NOT_FOUND'
  | 'SCENARIO_INVALID'
  | 'INVOICE_CANDIDATE_NOT_FOUND'
  | 'INVOICE_NOT_FOUND'
  | 'CREDIT_NOTE_NOT_FOUND'
  | 'BILLING_CONFLICT'
  | 'BILLING_REFUSED'
  | 'INTERNAL';

/** The single place where error codes become HTTP statuses. */
export function statusForCode(code: ErrorCode): number {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN_ROLE':
    case 'SELF_APPROVAL_FORBIDDEN':
    case 'EMERGENCY_REVIEWER_CONFLICT':
    case 'SOURCE_NOT_AUTHORITATIVE':
      return 403;
    case 'SPEC_NOT_FOUND':
    case 'VERSION_NOT_FOUND':
    case 'REVIEW_NOT_FOUND':
    case 'NO_PUBLISHED_VERSION':
    case 'ROUTE_NOT_FOUND':
    case 'DEAD_LETTER_NOT_FOUND':
    case 'DEV_TOKENS_DISABLED':
    case 'UNKNOWN_USER':
    case 'MASTER_DATA_TYPE_UNKNOWN':
    case 'MASTER_DATA_NOT_FOUND':
    case 'INTAKE_SOURCE_UNKNOWN':
    case 'TIME_ENTRY_NOT_FOUND':
    case 'EXCEPTION_NOT_FOUND':
    case 'INVOICE_CANDIDATE_NOT_FOUND':
    case 'INVOICE_NOT_FOUND':
    case 'CREDIT_NOTE_NOT_FOUND':
      return 404;
    case 'VERSION_IMMUTABLE':
    case 'INVALID_TRANSITION':
    case 'VERSION_EXISTS':
    case 'PUBLISH_CONFLICT':
    case 'IDEMPOTENCY_IN_PROGRESS':
    case 'DEAD_LETTER_ALREADY_REPLAYED':
    case 'DUPLICATE_APPROVAL':
    case 'BILLING_CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'VALIDATION_FAILED':
    case 'SEMVER_MAJOR_REQUIRED':
    case 'VERSION_NOT_GREATER':
    case 'INSUFFICIENT_APPROVALS':
    case 'MAPPING_FAILED':
    case 'TIME_ENTRY_REJECTED':
    case 'SCENARIO_INVALID':
    case 'BILLING_REFUSED':
      return 422;
    case 'INVALID_JSON':
    case 'UNSAFE_JSON':
      return 400;
    case 'INTERNAL':
      return 500;
    default:
      return assertUnreachable(code);
  }
}

/** Short human titles; the detail carries the specific reason. */
export function titleForStatus(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
    413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 500: 'Internal Server Error',
  };
  return titles[status] ?? 'Error';
}
