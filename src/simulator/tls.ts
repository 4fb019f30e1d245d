// HTTPS for the simulator. Clients built on oauth4webapi (MongoDB's MCP server among them) refuse an http://
// token URL, so the simulator can serve TLS with a certificate made at start or one the user gives.
//
// The certificate is made with the machine's `openssl` (no npm dependency: OpenSSL ships with Linux, macOS and
// Git for Windows, and CI's machine has it); where it is missing, `--cert`/`--key` take any PEM pair instead.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** Where the certificate is on disk, for NODE_EXTRA_CA_CERTS / `curl --cacert`. */
  certPath: string;
  keyPath: string;
}

/**
 * A fresh self-signed certificate for `localhost` and `127.0.0.1` (P-256, valid 30 days), written to a new
 * private temp folder. Throws a message that names the fix when `openssl` is not there.
 */
export function makeSelfSignedCert(dir = mkdtempSync(join(tmpdir(), 'atlas-sim-tls-'))): TlsMaterial {
  const certPath = join(dir, 'simulator-cert.pem');
  const keyPath = join(dir, 'simulator-key.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '30',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 },
    );
  } catch (e) {
    const why =
      (e as { code?: string }).code === 'ENOENT'
        ? 'openssl is not installed'
        : String((e as { stderr?: Buffer }).stderr ?? e)
            .trim()
            .split('\n')[0];
    throw new Error(
      `Could not make a self-signed certificate (${why}). Install openssl, or pass --cert FILE --key FILE.`,
      { cause: e },
    );
  }
  chmodSync(keyPath, 0o600);
  return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8'), certPath, keyPath };
}

/** A certificate and key the user gave (PEM files). */
export function readTlsFiles(certPath: string, keyPath: string): TlsMaterial {
  const read = (p: string, what: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch (e) {
      throw new Error(`Cannot read the ${what} file ${p}: ${(e as Error).message}`, { cause: e });
    }
  };
  const cert = read(certPath, '--cert');
  const key = read(keyPath, '--key');
  if (!cert.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`--cert ${certPath} is not a PEM certificate.`);
  if (!/-----BEGIN (EC |RSA )?PRIVATE KEY-----/.test(key))
    throw new Error(`--key ${keyPath} is not a PEM private key.`);
  return { cert, key, certPath, keyPath };
}
