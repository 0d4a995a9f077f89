import { browserSuiteRequirement, CHROMIUM } from './browser-harness';

describe('browser suite requirement', () => {
  it('runs when Chromium and both builds are present', () => {
    expect(browserSuiteRequirement(undefined, () => true)).toEqual({ run: true, reason: '' });
  });

  it('skips with the reason outside CI when Chromium is missing', () => {
    const r = browserSuiteRequirement(undefined, (p) => p !== CHROMIUM);
    expect(r.run).toBe(false);
    expect(r.reason).toBe('Designer browser tests skipped: /usr/bin/chromium is missing (apt-get install -y chromium).');
  });

  it('fails instead of skipping when CI=true', () => {
    expect(() => browserSuiteRequirement('true', (p) => p !== CHROMIUM)).toThrow('They are required when CI=true.');
  });
});
