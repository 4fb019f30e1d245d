export type Credentials =
  | { kind: 'serviceAccount'; clientId: string; clientSecret: string }
  | { kind: 'apiKey'; publicKey: string; privateKey: string };

/**
 * Reads credentials from the same variables the Atlas CLI uses, so a shell already set up for `atlas` works.
 * A Service Account wins when both pairs are set (Atlas calls API keys the legacy option); a pair with one half
 * missing or blank is ignored rather than sent half-empty.
 */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  const read = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const clientId = read('MONGODB_ATLAS_CLIENT_ID');
  const clientSecret = read('MONGODB_ATLAS_CLIENT_SECRET');
  if (clientId && clientSecret) return { kind: 'serviceAccount', clientId, clientSecret };
  const publicKey = read('MONGODB_ATLAS_PUBLIC_API_KEY');
  const privateKey = read('MONGODB_ATLAS_PRIVATE_API_KEY');
  if (publicKey && privateKey) return { kind: 'apiKey', publicKey, privateKey };
  return undefined;
}

/** The values that must never appear in a message or a log line. */
export function secretsOf(c: Credentials): string[] {
  return c.kind === 'serviceAccount' ? [c.clientSecret] : [c.privateKey];
}
