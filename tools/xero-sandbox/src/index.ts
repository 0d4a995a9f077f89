export {
  API_ROOT,
  DEFAULT_SANDBOX_CLIENT,
  DEFAULT_SANDBOX_TENANT,
  TOKEN_PATH,
  startXeroSandbox,
} from './xero-sandbox.server';
export type { RequestLogEntry, XeroSandbox, XeroSandboxOptions } from './xero-sandbox.server';
export { XeroContractValidator, defaultContractPath, findRepoRoot } from './contract/xero-contract.validator';
export type { ContractCheck, ContractViolation } from './contract/xero-contract.validator';
export { translateSchema, translateComponents } from './contract/openapi-to-json-schema';
export type { FaultRule } from './http/fault-injector';
export type { SandboxClient } from './http/oauth.token-issuer';
export type { StoredDocument, DocumentKind } from './domain/document.store';
