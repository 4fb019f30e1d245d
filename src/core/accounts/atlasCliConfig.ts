// Sign-ins the Atlas CLI already has: its profiles in config.toml, as the Atlas CLI documents them
// ("Save Connection Settings"): one table per profile (`[default]`, `[myprofile]`), with `public_api_key` and
// `private_api_key` (API keys), `client_id` and `client_secret` (service accounts), `service` ("cloud" or
// "cloudgov") and, for other deployments, `ops_manager_url`. The file lives in $XDG_CONFIG_HOME/atlascli
// (else ~/.config/atlascli), ~/Library/Application Support/atlascli on macOS, %AppData%\atlascli on Windows.
// Read only when the user asks to import; nothing here is called on start-up. No vscode import.
import * as path from 'node:path';
import type { Credentials } from '../atlas';
import { ATLAS_BASE_URL, ATLAS_GOV_BASE_URL, checkBaseUrl } from './baseUrl';
import { parse, TomlError as SmolTomlError } from 'smol-toml';

export interface AtlasCliProfile {
  name: string;
  /** Where the profile's credentials are for; undefined when the profile names none we accept. */
  baseUrl?: string;
  credentials?: Credentials;
  /** Why the profile cannot be imported (no credentials in the file, a user login, a bad URL). */
  unusable?: string;
}

/** Where the Atlas CLI keeps config.toml on this platform. */
export function atlasCliConfigPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32')
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'atlascli', 'config.toml');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'atlascli', 'config.toml');
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), 'atlascli', 'config.toml');
}

/** config.toml that is not TOML; the message starts with the line, as "line 2: illegal character in key". */
export class TomlError extends Error {
  override name = 'TomlError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** The document as TOML says (smol-toml: duplicate keys and tables refused, `[a.b]` nests, inline tables read). */
function parseToml(text: string): Record<string, unknown> {
  try {
    return parse(text);
  } catch (e) {
    if (!(e instanceof SmolTomlError)) throw e;
    // Its message carries a code excerpt after the first line; the line number is enough to find the mistake.
    const first = e.message.split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
    throw new TomlError(e.line, first);
  }
}

/** Every profile in the file's text, usable or not (an unusable one says why). Throws TomlError on broken TOML. */
export function readAtlasCliProfiles(text: string): AtlasCliProfile[] {
  const out: AtlasCliProfile[] = [];
  for (const [name, t] of Object.entries(parseToml(text))) {
    if (!isTable(t)) continue; // top-level keys are CLI-wide settings, not a profile
    const s = (k: string): string | undefined => {
      const v = t[k];
      return typeof v === 'string' && v.trim() ? v.trim() : undefined;
    };
    const profile: AtlasCliProfile = { name };
    const url = s('ops_manager_url');
    const service = s('service') ?? 'cloud';
    if (url) {
      const c = checkBaseUrl(url, `ops_manager_url of profile "${name}"`);
      if (c.ok) profile.baseUrl = c.baseUrl;
      else profile.unusable = c.message;
    } else if (service === 'cloud') profile.baseUrl = ATLAS_BASE_URL;
    else if (service === 'cloudgov') profile.baseUrl = ATLAS_GOV_BASE_URL;
    else profile.unusable = `profile "${name}" has service "${service}", which is neither cloud nor cloudgov`;

    const clientId = s('client_id'),
      clientSecret = s('client_secret');
    const publicKey = s('public_api_key'),
      privateKey = s('private_api_key');
    if (clientId && clientSecret) profile.credentials = { kind: 'serviceAccount', clientId, clientSecret };
    else if (publicKey && privateKey) profile.credentials = { kind: 'apiKey', publicKey, privateKey };
    else if (!profile.unusable) {
      profile.unusable =
        s('access_token') || s('refresh_token')
          ? 'a user login (atlas auth login), which cannot be shared; sign in with a service account or API key instead'
          : clientId || publicKey
            ? 'its secret is not in config.toml (newer Atlas CLI versions keep it in the system keychain); sign in by hand'
            : 'no API key or service account in this profile';
    }
    out.push(profile);
  }
  return out;
}
