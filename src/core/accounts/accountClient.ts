// The one way an account's AtlasClient is built: from the account's own stored base URL and nothing else (no
// setting, no file), with a fetch that refuses any other origin. No vscode import.
import { AtlasClient, defaultFetch } from '../atlas';
import type { AtlasClientOptions, Credentials } from '../atlas';
import type { Account } from './account';
import { originBoundFetch } from './originGuard';

export type ClientOptions = Omit<AtlasClientOptions, 'baseUrl' | 'credentials'>;

export function createAccountClient(
  account: Pick<Account, 'baseUrl' | 'origin'>,
  credentials: Credentials,
  options: ClientOptions,
): AtlasClient {
  return new AtlasClient({
    ...options,
    baseUrl: account.baseUrl,
    credentials,
    fetch: originBoundFetch(account.origin, options.fetch ?? defaultFetch),
  });
}
