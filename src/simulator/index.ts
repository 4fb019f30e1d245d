// Public surface of the local Atlas simulator (no `vscode` here: it runs in plain Node).
export {
  AtlasSimulator,
  negotiateVersion,
  notSimulated,
  type AtlasSimulatorOptions,
  type RecordedRequest,
} from './AtlasSimulator';
export { DEMO_CREDENTIALS, type DemoCredentials } from './credentials';
export {
  SEED,
  defaultSchedule,
  describeSeed,
  type NewClusterSpec,
  type SeedClusterFacts,
  type SeedFacts,
  type SeedProjectFacts,
} from './seed';
export { makeSelfSignedCert, readTlsFiles, type TlsMaterial } from './tls';
export { FaultSet, type FaultSpec } from './faults';
export type { RateLimitConfig } from './rateLimiter';
export type { ApiErrorBody, FieldViolation } from './apiError';
