import { ErrorCode, statusForCode } from './error-codes';

export interface FieldError {
  pointer: string;
  message: string;
}

/** Every error a client can meet: a code, a message that says what to do, optional field errors. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = statusForCode(code);
  }
}
