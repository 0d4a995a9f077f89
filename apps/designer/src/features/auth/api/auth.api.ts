import type { HttpClient } from '../../../shared/api/http-client';
import type { Role } from '../model/permissions';

export interface DevTokenResponse {
  tokenType: 'Bearer';
  user: string;
  roles: Role[];
  accessToken: string;
}

export function authApi(http: HttpClient) {
  return {
    devToken: (user: string) => http.request<DevTokenResponse>('POST', '/auth/dev-token', { user }),
  };
}
