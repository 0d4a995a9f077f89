/** The next minor version after the highest one, for a new draft ("1.0.0" → "1.1.0"). */
export function nextMinor(versions: string[]): string {
  const parsed = versions
    .map((v) => /^(\d+)\.(\d+)\.(\d+)$/.exec(v))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), Number(m[2]), Number(m[3])] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const top = parsed[parsed.length - 1] ?? [0, 0, 0];
  return `${top[0]}.${top[1] + 1}.0`;
}
