import { compareSemver, parseSemver } from './semver';

const cmp = (a: string, b: string) => compareSemver(parseSemver(a)!, parseSemver(b)!);

describe('semver', () => {
  it('parses valid versions and rejects invalid ones', () => {
    expect(parseSemver('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: [] });
    expect(parseSemver('01.2.3')).toBeUndefined();
    expect(parseSemver('1.2')).toBeUndefined();
  });
  it('orders by precedence', () => {
    expect(cmp('1.10.0', '1.9.9')).toBe(1);
    expect(cmp('1.0.0-alpha', '1.0.0')).toBe(-1);
    expect(cmp('1.0.0-alpha.2', '1.0.0-alpha.10')).toBe(-1);
    expect(cmp('2.0.0', '2.0.0+build')).toBe(0);
  });
});
