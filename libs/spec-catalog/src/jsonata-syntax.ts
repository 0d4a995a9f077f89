import jsonata from 'jsonata';

/** Returns the error a JSONata source fails to compile with, or undefined when it compiles. */
export function jsonataSyntaxError(source: string): { code: string; message: string; position?: number; token?: string } | undefined {
  try {
    jsonata(source);
    return undefined;
  } catch (err) {
    const e = err as { code?: string; message?: string; position?: number; token?: string };
    const at = e.position !== undefined ? ` at position ${e.position}` : '';
    return { code: e.code ?? 'S0000', message: `${e.message ?? String(err)}${at}`, position: e.position, token: e.token };
  }
}
