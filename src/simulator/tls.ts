// HTTPS for the simulator. Clients built on oauth4webapi (MongoDB's MCP server among them) refuse an http://
// token URL, so the simulator can serve TLS with a certificate made at start or one the user gives.
//
// The certificate is made with the machine's `openssl` (no npm dependency: OpenSSL ships with Linux, macOS and
// Git for Windows, and CI's machine has it); where it is missing, `--cert`/`--key` take any PEM pair instead.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** Where the certificate is on disk, for NODE_EXTRA_CA_CERTS / `curl --cacert`. */
  certPath: string;
  keyPath: string;
}

/** How long before it is made a certificate is valid: a client whose clock is behind still accepts it. */
export const CERT_BACKDATE_DAYS = 2;
/** How long after it is made a certificate is valid. */
export const CERT_VALID_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * A fresh self-signed certificate for `localhost` and `127.0.0.1` (P-256), valid from 2 days before it is made until
 * 30 days after, written to a new private temp folder. Throws a message that names the fix when `openssl` is not
 * there.
 *
 * `openssl req -x509` starts a certificate at the moment it is made, and OpenSSL 3.0 (Debian 12) has no
 * `-not_before` for `req` or `x509`; `openssl ca -selfsign` takes `-startdate`, so the key and request come from
 * `req` and `ca` signs them with their own key, from a throw-away config in the same folder.
 */
export function makeSelfSignedCert(
  dir = mkdtempSync(join(tmpdir(), 'atlas-sim-tls-')),
  nowMs = Date.now(),
): TlsMaterial {
  const certPath = join(dir, 'simulator-cert.pem');
  const keyPath = join(dir, 'simulator-key.pem');
  const csrPath = join(dir, 'simulator.csr');
  const work = mkdtempSync(join(dir, 'ca-'));
  // OpenSSL's GeneralizedTime, YYYYMMDDHHMMSSZ.
  const stamp = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace(/[-:T]/g, '')
      .replace(/\.\d+Z$/, 'Z');
  writeFileSync(
    join(work, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = sim',
      '[sim]',
      `database = ${join(work, 'index.txt')}`,
      `new_certs_dir = ${work}`,
      // A serial file rather than OpenSSL 1.1's rand_serial, which LibreSSL (macOS's openssl) lacks.
      `serial = ${join(work, 'serial')}`,
      'default_md = sha256',
      'policy = anything',
      'unique_subject = no',
      '[anything]',
      'commonName = supplied',
      '[leaf]',
      // CA:TRUE as `req -x509` makes it: clients trust this very certificate as their root.
      'basicConstraints = critical, CA:TRUE',
      'subjectKeyIdentifier = hash',
      'subjectAltName = DNS:localhost, IP:127.0.0.1',
      '',
    ].join('\n'),
  );
  writeFileSync(join(work, 'index.txt'), '');
  writeFileSync(join(work, 'serial'), `01${randomBytes(8).toString('hex')}\n`);
  const run = (args: string[]) =>
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000, cwd: work });
  try {
    run([
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-keyout',
      keyPath,
      '-out',
      csrPath,
    ]);
    run([
      'ca',
      '-batch',
      '-notext',
      '-selfsign',
      '-config',
      join(work, 'ca.cnf'),
      '-extensions',
      'leaf',
      '-keyfile',
      keyPath,
      '-in',
      csrPath,
      '-out',
      certPath,
      '-startdate',
      stamp(nowMs - CERT_BACKDATE_DAYS * DAY_MS),
      '-enddate',
      stamp(nowMs + CERT_VALID_DAYS * DAY_MS),
    ]);
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
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(csrPath, { force: true });
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
