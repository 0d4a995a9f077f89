/** Compile-time exhaustiveness check for switches over closed unions. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
