export { loadConfig, type Config, type SmsConfig } from './config.ts';
export { maskUrl, unreachableLine } from './unreachable.ts';
export { checkReadiness } from './readiness.ts';
export { ledgerSigningKey, type LedgerKeys } from './ledger-key.ts';
