import { TokenBucketRateLimiter } from './token-bucket.rate-limiter';

function fakeTime() {
  let now = 0;
  const waits: number[] = [];
  return { now: () => now, sleep: async (ms: number) => { waits.push(ms); now += ms; }, waits };
}

describe('TokenBucketRateLimiter', () => {
  it('lets a full minute of calls through, then paces the next one to the refill rate', async () => {
    const time = fakeTime();
    const limiter = new TokenBucketRateLimiter({ callsPerMinute: 60, maxConcurrent: 5, ...time });
    for (let i = 0; i < 60; i += 1) {
      (await limiter.acquire('tenant-a'))();
    }
    expect(time.waits).toEqual([]);
    (await limiter.acquire('tenant-a'))();
    expect(time.waits).toEqual([1000]);
  });

  it('keeps tenants apart', async () => {
    const time = fakeTime();
    const limiter = new TokenBucketRateLimiter({ callsPerMinute: 1, maxConcurrent: 5, ...time });
    (await limiter.acquire('a'))();
    (await limiter.acquire('b'))();
    expect(time.waits).toEqual([]);
    expect(limiter.available('a')).toBeLessThan(1);
  });

  it('never has more than maxConcurrent calls in flight for a tenant', async () => {
    const limiter = new TokenBucketRateLimiter({ callsPerMinute: 600, maxConcurrent: 2 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const release = await limiter.acquire('t');
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight -= 1;
        release();
      }),
    );
    expect(peak).toBe(2);
    expect(limiter.inFlight('t')).toBe(0);
  });

  it('refuses a limit that could never admit a call', () => {
    expect(() => new TokenBucketRateLimiter({ callsPerMinute: 0, maxConcurrent: 1 })).toThrow(/CONNECTOR_RATE_LIMIT_INVALID/);
  });
});
