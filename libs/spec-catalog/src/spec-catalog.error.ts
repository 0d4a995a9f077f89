/** Error raised by spec-catalog operations; `code` is stable and safe to branch on. */
export class SpecCatalogError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SpecCatalogError';
  }
}
