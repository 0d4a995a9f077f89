/**
 * Parameter names of a native function, read from its source text the way the
 * interpreter does when a native function is partially applied (`$f(?, 2)`).
 */
export function nativeParameterNames(fn: (...args: any[]) => unknown): string[] {
  const match = /\(([^)]*)\)/.exec(fn.toString());
  const inside = match ? match[1] : '';
  return inside.split(',').map((name) => name.trim());
}
