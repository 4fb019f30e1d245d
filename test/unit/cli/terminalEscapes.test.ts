// Issue #16 item 4: nothing from a file or a server reaches the terminal raw. `lint` printed key names from the file
// as they were (an OSC 52 sequence in a key wrote the clipboard); audit, diff, push, pull and delete printed Atlas
// error details and proxy pages raw. Every text output goes through terminal.ts; JSON outputs stay the same JSON.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { oneLine, terminalText } from '../../../src/cli/terminal';
import { AtlasSimulator, DEMO_CREDENTIALS, SEED } from '../../../src/simulator';

/** A raw control character a terminal acts on (line feed and tab are ours), DEL, C1, a bidi override. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Writes "pwned" to the clipboard (OSC 52), clears the screen, a C1 CSI, a right-to-left override. */
const HOSTILE = '\u001b]52;c;cHduZWQ=\u0007\u001b[2J\u009b31m\u202eevil';

let sim: AtlasSimulator;
let url = '';
let tmp = '';
const STAGING = SEED.projects.staging.id;

before(async () => {
  sim = new AtlasSimulator({});
  ({ url } = await sim.start(0));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-backup-terminal-'));
});
after(async () => {
  await sim.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => sim.reset());

async function run(args: string[], env: Record<string, string> = {}) {
  let out = '',
    err = '';
  const asked: string[] = [];
  const code = await main(args, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    env: {
      MONGODB_ATLAS_CLIENT_ID: DEMO_CREDENTIALS.serviceAccount.clientId,
      MONGODB_ATLAS_CLIENT_SECRET: DEMO_CREDENTIALS.serviceAccount.clientSecret,
      MONGODB_ATLAS_BASE_URL: url,
      ...env,
    },
    interactive: true,
    ask: (q) => {
      asked.push(q);
      return Promise.resolve('y');
    },
  });
  return { code, out, err, asked };
}

function assertNoRaw(what: string, ...texts: string[]): void {
  for (const t of texts) {
    const m = RAW.exec(t);
    assert.equal(m, null, `${what}: raw U+${m?.[0].charCodeAt(0).toString(16)} in ${JSON.stringify(t.slice(0, 400))}`);
  }
}

test('the escaper: C0 (ESC, BEL, CR), DEL, C1, bidi and lone surrogates become visible \\u escapes; text stays', () => {
  assert.equal(
    terminalText('a\u001b[2Jb\u0007\r\u007f\u009b\u202e\n\tz'),
    'a\\u001b[2Jb\\u0007\\u000d\\u007f\\u009b\\u202e\n\tz',
  );
  assert.equal(terminalText('\ud800x \udfff é 😀'), '\\ud800x \\udfff é 😀');
  assert.equal(oneLine('key\nforged line\t'), 'key\\u000aforged line\\u0009');
  // Inside a JSON string the escape is JSON's own: the value read back is the same.
  const value = { k: `x${HOSTILE}\u007f` };
  assert.deepEqual(JSON.parse(terminalText(JSON.stringify(value))), value);
});

test('lint: an OSC 52 sequence in a key name is shown escaped, in text; JSON and SARIF stay the same JSON', async () => {
  const f = path.join(tmp, 'osc.schedule.json');
  // JSON escapes in the file's text: the parsed key holds the raw control characters.
  fs.writeFileSync(
    f,
    `{ ${JSON.stringify(`x${HOSTILE}\nforged.schedule.json:1:1  error  all good`)}: 1, "referenceHourOfDay": "${'\\u001b[2J'}" }`,
  );
  const text = await run(['lint', f]);
  assert.equal(text.code, 1);
  assertNoRaw('lint text', text.out, text.err);
  assert.match(text.out, /\\u001b\]52;c;cHduZWQ=\\u0007/, 'the sequence is visible, escaped');
  assert.doesNotMatch(text.out, /^forged/m, 'a line break in a key cannot start a line of its own');
  for (const format of ['json', 'sarif']) {
    const r = await run(['lint', '--format', format, f]);
    assertNoRaw(`lint ${format}`, r.out, r.err);
    assert.ok(JSON.parse(r.out), `${format} output is still JSON`);
    assert.ok(r.out.includes('\\u001b]52'), `${format}: the key is JSON-escaped`);
  }
  // A raw ESC byte in the file's text (not an escape) is a syntax error; its report is escaped too.
  const raw = path.join(tmp, 'raw.schedule.json');
  fs.writeFileSync(raw, `{ "a${HOSTILE}": 1 }`);
  const r = await run(['lint', raw]);
  assertNoRaw('lint raw bytes', r.out, r.err);
});

test('pull, diff, push, delete and audit: an Atlas error detail with escape sequences is shown escaped', async () => {
  // Atlas's cluster name pattern forbids control characters (the simulator's POST /__sim/clusters refuses such a
  // name, as Atlas does), so the hostile text comes in an error detail, through the control plane.
  const refused = await fetch(`${url}/__sim/clusters`, {
    method: 'POST',
    body: JSON.stringify({ groupId: STAGING, name: `x${HOSTILE}` }),
  });
  assert.equal(refused.status, 400);
  const pulled = path.join(tmp, 'legacy.schedule.json');
  assert.equal((await run(['pull', 'legacy-app', '--projectId', STAGING, '--out', pulled])).code, 0);
  const doc = JSON.parse(fs.readFileSync(pulled, 'utf8')) as { referenceHourOfDay: number };
  doc.referenceHourOfDay = (doc.referenceHourOfDay + 1) % 24;
  fs.writeFileSync(pulled, JSON.stringify(doc, null, 2));
  const runs: [string, string[], string][] = [
    ['pull', ['pull', 'legacy-app', '--projectId', STAGING], 'GET'],
    ['diff', ['diff', pulled], 'GET'],
    ['push (the read)', ['push', pulled], 'GET'],
    ['push (the write)', ['push', pulled], 'PATCH'],
    ['delete', ['delete', 'legacy-app', '--projectId', STAGING, '--confirm', 'legacy-app'], 'DELETE'],
    ['audit', ['audit', '--projectId', STAGING], 'GET'],
  ];
  for (const [what, args, method] of runs) {
    sim.reset();
    const fault = await fetch(`${url}/__sim/faults`, {
      method: 'POST',
      body: JSON.stringify({
        pathPrefix: `/api/atlas/v2/groups/${STAGING}`,
        method,
        status: 400,
        errorCode: 'INVALID_ATTRIBUTE',
        detail: `Bad ${HOSTILE} thing`,
        count: 1000,
      }),
    });
    assert.ok(fault.ok, await fault.text());
    const r = await run(args);
    assert.notEqual(r.code, 0, `${what} fails: ${r.out}${r.err}`);
    assertNoRaw(what, r.out, r.err, ...r.asked);
    assert.match(`${r.out}${r.err}`, /\\u001b\[2J/, `${what}: the detail is shown, escaped`);
  }
});

test("a proxy's HTML error page with escape sequences is shown escaped", async () => {
  const proxy = http.createServer((_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end(`<html><head><title>Bad gateway</title></head><body><h1>${HOSTILE} upstream down</h1></body></html>`);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = proxy.address() as { port: number };
    const r = await run(['pull', 'legacy-app', '--projectId', STAGING], {
      MONGODB_ATLAS_BASE_URL: `http://127.0.0.1:${port}`,
      MONGODB_ATLAS_CLIENT_ID: '',
      MONGODB_ATLAS_CLIENT_SECRET: '',
      MONGODB_ATLAS_PUBLIC_API_KEY: 'pub',
      MONGODB_ATLAS_PRIVATE_API_KEY: 'priv',
    });
    assert.equal(r.code, 3, r.err);
    assertNoRaw('proxy page', r.out, r.err);
    assert.match(r.err, /upstream down/);
  } finally {
    await new Promise((resolve) => proxy.close(resolve));
  }
});
