/** RFC 9457 problem details as the runtime sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { pointer: string; message: string }[];
  mappingError?: { code: string; position?: number };
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
  }
}

export interface HttpClient {
  request<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

/** Talks to /api/v1 with the signed-in user's bearer token; every failure becomes an ApiError. */
export function createHttpClient(getToken: () => string | null, baseUrl = '/api/v1'): HttpClient {
  return {
    async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
      const token = getToken();
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json, application/problem+json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      if (!res.ok) {
        const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<Problem>;
        throw new ApiError({ ...problem, status: res.status, detail: problem.detail ?? res.statusText });
      }
      return parsed as T;
    },
  };
}

/** Unique per user action, so a retried click cannot act twice. */
export function idempotencyKey(): Record<string, string> {
  return { 'Idempotency-Key': crypto.randomUUID() };
}
