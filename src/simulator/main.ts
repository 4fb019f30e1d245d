// CLI: `node dist/simulator.js [--port N] [--json] [--seed demo|scale]`. Starts the simulator on 127.0.0.1 and stops
// on SIGTERM/SIGINT. `--json` prints exactly one line, {"url","credentials"}, once listening.
import { AtlasSimulator } from './AtlasSimulator';
import { DEMO_CREDENTIALS } from './credentials';
import { SEED } from './seed';

function parseArgs(argv: string[]): { port: number; json: boolean; seed: 'demo' | 'scale' } | string {
  let port = 0;
  let json = false;
  let seed: 'demo' | 'scale' = 'demo';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      if (v !== 'demo' && v !== 'scale') return `--seed must be demo or scale, got ${v ?? 'nothing'}`;
      seed = v;
    }
    else if (a === '--port' || a.startsWith('--port=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      if (v === undefined || !/^\d+$/.test(v) || Number(v) > 65535) return `--port needs a number 0-65535, got ${v ?? 'nothing'}`;
      port = Number(v);
    } else if (a === '--help' || a === '-h') return 'usage: simulator [--port N] [--json] [--seed demo|scale]';
    else return `unknown argument ${a}\nusage: simulator [--port N] [--json] [--seed demo|scale]`;
  }
  return { port, json, seed };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n`);
    process.exit(2);
  }
  const sim = new AtlasSimulator({ seed: args.seed === 'scale' ? 'scale' : true, log: args.json ? undefined : (l) => process.stderr.write(`${l}\n`) });
  const { url } = await sim.start(args.port);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ url, credentials: DEMO_CREDENTIALS })}\n`);
  } else {
    const c = DEMO_CREDENTIALS;
    process.stdout.write([
      `Atlas simulator listening on ${url}`,
      '',
      'Demo credentials (fake, for this simulator only):',
      `  service account (Project Owner):           ${c.serviceAccount.clientId} / ${c.serviceAccount.clientSecret}`,
      `  service account (Project Backup Manager):  ${c.backupManagerServiceAccount.clientId} / ${c.backupManagerServiceAccount.clientSecret}`,
      `  API key (Project Owner):                   ${c.apiKey.publicKey} / ${c.apiKey.privateKey}`,
      `  API key (Project Read Only):               ${c.readOnlyApiKey.publicKey} / ${c.readOnlyApiKey.privateKey}`,
      '',
      `Projects: ${Object.values(SEED.projects).map((p) => `${p.name} (${p.id})`).join(', ')}`,
      '',
      '# point tools at it:',
      `export MONGODB_ATLAS_BASE_URL=${url}/`,
      `export MONGODB_ATLAS_OPS_MANAGER_URL=${url}/`,
      `export MONGODB_ATLAS_CLIENT_ID=${c.serviceAccount.clientId}`,
      `export MONGODB_ATLAS_CLIENT_SECRET=${c.serviceAccount.clientSecret}`,
      `export MONGODB_ATLAS_PUBLIC_API_KEY=${c.apiKey.publicKey}`,
      `export MONGODB_ATLAS_PRIVATE_API_KEY=${c.apiKey.privateKey}`,
      '',
      'Control plane: POST /__sim/faults, DELETE /__sim/faults, POST /__sim/reset, GET /__sim/requests, POST /__sim/rate-limit',
      'Stop with Ctrl+C.',
      '',
    ].join('\n'));
  }
  const stop = () => {
    sim.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`simulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
