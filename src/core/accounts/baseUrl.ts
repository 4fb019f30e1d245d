// Base URLs an account may be bound to. No vscode import: unit-tested in plain Node.
// Plain http is only for loopback (a local simulator); anything that leaves the machine must be https, so a
// credential is never sent in clear over the network. Every refusal names the setting or field it came from.

import { isLoopbackHost } from '../atlas/paths';

export { isLoopbackHost };
export const ATLAS_BASE_URL = 'https://cloud.mongodb.com';
export const ATLAS_GOV_BASE_URL = 'https://cloud.mongodbgov.com';

export type BaseUrlCheck = { ok: true; baseUrl: string; origin: string; host: string } | { ok: false; message: string };

/**
 * Checks a base URL typed by the user (or read from a setting or a CLI profile). `field` names where it came
 * from (e.g. "atlasBackup.baseUrl") and starts every message, so the user knows what to fix.
 */
export function checkBaseUrl(input: unknown, field: string): BaseUrlCheck {
  if (typeof input !== 'string' || !input.trim())
    return { ok: false, message: `${field} is empty: it must be an https URL such as ${ATLAS_BASE_URL}.` };
  const text = input.trim();
  const shown = JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return {
      ok: false,
      message: `${field} is not a URL (${shown}): it must be an https URL such as ${ATLAS_BASE_URL}.`,
    };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return {
      ok: false,
      message: `${field} uses ${u.protocol.replace(/:$/, '')}: (${shown}); only https is supported (http only for this machine, e.g. http://127.0.0.1:4545).`,
    };
  }
  if (!u.hostname) return { ok: false, message: `${field} has no host (${shown}).` };
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    return {
      ok: false,
      message: `${field} uses plain http for ${u.host}, which would send credentials unencrypted; use https (http is allowed only for 127.0.0.1, ::1 and localhost).`,
    };
  }
  if (u.username || u.password) return { ok: false, message: `${field} must not contain a user name or password.` };
  if (u.search || u.hash) return { ok: false, message: `${field} must not contain a query or fragment (${shown}).` };
  return { ok: true, baseUrl: baseUrlOf(u), origin: u.origin, host: u.host };
}

/**
 * The base URL requests are made under: the origin and any path prefix, without a trailing slash. Atlas itself and
 * Atlas for Government have none, but an Ops Manager or a gateway in front of Atlas can (`https://gw.example/atlas/`),
 * and the Atlas CLI and SDKs put the API paths under it; dropping it would send the credentials to whatever the
 * origin's root serves. One function, so the extension and the CLI agree.
 */
export function baseUrlOf(u: URL): string {
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** The origin (scheme, host, port) of a URL, or undefined when it is not one. */
export function originOf(url: string): string | undefined {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}

export function sameOrigin(a: string, b: string): boolean {
  const x = originOf(a),
    y = originOf(b);
  return x !== undefined && x === y;
}

/** host[:port] for messages; the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
