// Defence in depth: whatever a caller puts in a path, a client bound to an account's origin can only ever reach
// that origin. The check runs on the final URL, right before `fetch`, so it covers every request the client
// makes with the account's credentials: API calls, the service-account token request (Basic header) and the
// digest handshake. (The transport checks the same thing; this guard does not depend on it.)
import { AtlasOriginError } from '../atlas';
import type { FetchLike } from '../atlas';
import { originOf } from './baseUrl';

/** A fetch that refuses (before any connection is made) every URL whose origin is not `origin`'s. */
export function originBoundFetch(origin: string, fetch: FetchLike): FetchLike {
  const expected = originOf(origin);
  if (!expected) throw new AtlasOriginError(origin, undefined);
  return (url, init) => {
    const actual = originOf(url);
    if (actual !== expected) return Promise.reject(new AtlasOriginError(expected, actual));
    return fetch(url, init);
  };
}
