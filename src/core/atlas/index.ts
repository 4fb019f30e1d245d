// Public surface of the Atlas client core. The VS Code layer, the CLI and the tests import from here only.
export * from './types';
export { credentialsFromEnv, type Credentials } from './credentials';
export {
  AtlasClient,
  hasNextPage,
  DEFAULT_ITEMS_PER_PAGE,
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_TIMEOUT_MS,
  MAX_ITEMS_PER_PAGE,
  restoreJobBody,
  collectionRestoreJobBody,
  flexRestoreJobBody,
  exportBucketBody,
  exportJobBody,
  azureContainerOf,
  type AtlasClientOptions,
  type LegacySnapshotListFilter,
  type ListOptions,
  type Page,
  type PageOptions,
  type SignalOptions,
  type SnapshotListFilter,
} from './AtlasClient';
export type { FetchInit, FetchLike, FetchResponseLike, RequestLogEntry } from './transport';
export { defaultFetch } from './transport';
export type { RetryOptions } from './retryPolicy';
export {
  AtlasApiError,
  AtlasAuthError,
  AtlasCancelledError,
  AtlasOriginError,
  AtlasError,
  AtlasNetworkError,
  AtlasTimeoutError,
  KNOWN_ERROR_CODES,
  failureNotice,
  signInFailureMessage,
  isCancelled,
  mayHaveReachedAtlas,
  describeWriteFailure,
  type WriteFailure,
  type WriteDescription,
  type AtlasErrorKind,
  type FailureNotice,
} from './errors';
export { InvalidPathParameterError } from './paths';
export { describeCluster, type ClusterFacts, type ClusterZoneFacts } from './describeCluster';
export { toScheduleUpdate } from './toScheduleUpdate';
export { OPERATIONS, mediaType, type OperationId, type OperationSpec } from './operations';
