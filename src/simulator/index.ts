// Public surface of the local Atlas simulator (no `vscode` here: it runs in plain Node).
export { AtlasSimulator, resolveVersion, type AtlasSimulatorOptions, type RecordedRequest } from './AtlasSimulator';
export { DEMO_CREDENTIALS, type DemoCredentials } from './credentials';
export { SEED } from './seed';
export { FaultSet, type FaultSpec } from './faults';
export type { RateLimitConfig } from './rateLimiter';
export type { ApiErrorBody, FieldViolation } from './apiError';
