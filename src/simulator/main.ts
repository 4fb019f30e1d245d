// CLI: `node dist/simulator.js [--port N] [--json] [--seed demo|scale] [--now INSTANT] [--https | --cert FILE --key FILE]`.
// Starts the simulator on 127.0.0.1 and stops on SIGTERM/SIGINT. `--json` prints exactly one line, {"url","credentials"
// [,"caCertPath"]}, once listening. `--https` serves TLS with a self-signed certificate made at start; `--cert`/`--key`
// use yours. `--now` starts the simulator's clock (the seed's dates, token expiry, snapshot progress) at a fixed
// instant instead of the machine's time; it advances in real time from there.
import { AtlasSimulator } from './AtlasSimulator';
import { DEMO_CREDENTIALS } from './credentials';
import { SEED } from './seed';
import { clockFrom, parseArgs } from './cliArgs';
import { makeSelfSignedCert, readTlsFiles, type TlsMaterial } from './tls';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n`);
    process.exit(2);
  }
  let tls: TlsMaterial | undefined;
  if (args.https) tls = args.cert && args.key ? readTlsFiles(args.cert, args.key) : makeSelfSignedCert();
  const sim = new AtlasSimulator({
    seed: args.seed === 'scale' ? 'scale' : true,
    log: args.json ? undefined : (l) => process.stderr.write(`${l}\n`),
    tls,
    ...(args.now !== undefined ? { now: clockFrom(args.now) } : {}),
  });
  const { url } = await sim.start(args.port);
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ url, credentials: DEMO_CREDENTIALS, ...(tls ? { caCertPath: tls.certPath } : {}) })}\n`,
    );
  } else {
    const c = DEMO_CREDENTIALS;
    process.stdout.write(
      [
        `Atlas simulator listening on ${url}`,
        '',
        'Demo credentials (fake, for this simulator only):',
        `  service account (Project Owner):           ${c.serviceAccount.clientId} / ${c.serviceAccount.clientSecret}`,
        `  service account (Project Backup Manager):  ${c.backupManagerServiceAccount.clientId} / ${c.backupManagerServiceAccount.clientSecret}`,
        `  API key (Project Owner):                   ${c.apiKey.publicKey} / ${c.apiKey.privateKey}`,
        `  API key (Project Read Only):               ${c.readOnlyApiKey.publicKey} / ${c.readOnlyApiKey.privateKey}`,
        '',
        ...(args.now !== undefined ? [`Clock: started at ${new Date(args.now).toISOString()} (--now)`, ''] : []),
        `Projects: ${Object.values(SEED.projects)
          .map((p) => `${p.name} (${p.id})`)
          .join(', ')}`,
        '',
        '# Atlas CLI:',
        `export MONGODB_ATLAS_BASE_URL=${url}/`,
        `export MONGODB_ATLAS_OPS_MANAGER_URL=${url}/`,
        `export MONGODB_ATLAS_CLIENT_ID=${c.serviceAccount.clientId}`,
        `export MONGODB_ATLAS_CLIENT_SECRET=${c.serviceAccount.clientSecret}`,
        `export MONGODB_ATLAS_PUBLIC_API_KEY=${c.apiKey.publicKey}`,
        `export MONGODB_ATLAS_PRIVATE_API_KEY=${c.apiKey.privateKey}`,
        '',
        `# MongoDB's MCP server (mongodb-mcp-server)${tls ? '' : ': it needs HTTPS, restart with --https'}:`,
        `export MDB_MCP_API_BASE_URL=${url}/`,
        `export MDB_MCP_API_CLIENT_ID=${c.serviceAccount.clientId}`,
        `export MDB_MCP_API_CLIENT_SECRET=${c.serviceAccount.clientSecret}`,
        ...(tls
          ? [
              '',
              `# trust the certificate${args.cert ? '' : ' (self-signed, made at start)'}; Node tools add it to their roots:`,
              `export NODE_EXTRA_CA_CERTS=${tls.certPath}`,
              `# the MCP server reads the OS store instead: start it with SSL_CERT_FILE=${tls.certPath} in its own environment`,
              '# (only there: SSL_CERT_FILE replaces the store for every OpenSSL tool); curl: --cacert the same file',
            ]
          : []),
        '',
        'Control plane: POST /__sim/faults, DELETE /__sim/faults, POST /__sim/reset, GET /__sim/requests, POST /__sim/rate-limit',
        'Stop with Ctrl+C.',
        '',
      ].join('\n'),
    );
  }
  const stop = () => {
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`simulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
