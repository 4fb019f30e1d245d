// `atlas-backup lint … | head -3`: the built CLI, spawned into a pipe its reader closes after a few lines, ends
// quietly with status 0; and an unexpected error is one line, not a stack trace.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeUnexpected, exitQuietlyOnClosedPipe } from '../../../src/cli/io';
import { buildCli } from './builtCli';

let tmp = '';
let cli = '';
const BAD =
  '{ "policies": [{ "policyItems": [ { "frequencyType": "hourly", "frequencyInterval": 3, "retentionUnit": "days", "retentionValue": 2 } ] }], "referenceHourOfDay": 1 }\n';

before(() => {
  ({ tmp, cli } = buildCli('atlas-backup-pipe-'));
  // Enough output (about 780 KB) that it cannot all sit in the pipe's buffer and the reader's first reads before the
  // reader goes away: with 400 files (157 KB) the whole output sometimes fit, lint ended normally with its exit 1.
  for (let i = 0; i < 2000; i++) fs.writeFileSync(path.join(tmp, `s${i}.schedule.json`), BAD);
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('a reader that closes the pipe after three lines: exit 0, nothing on stderr', async () => {
  const child = spawn(process.execPath, [cli, 'lint', tmp], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  let seen = '';
  const lines = await new Promise<string[]>((resolve) => {
    child.stdout.on('data', (d) => {
      seen += d;
      const l = seen.split('\n');
      if (l.length > 3) {
        child.stdout.destroy();
        resolve(l.slice(0, 3));
      } // as `head -3` does
    });
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) =>
    child.on('close', (c, s) => r([c, s])),
  );
  assert.equal(lines.length, 3);
  assert.match(lines[0], /schedule\.json:\d+:\d+ {2}error/);
  assert.equal(signal, null);
  assert.equal(code, 0);
  assert.equal(err, '', 'no EPIPE stack trace');
});

test('other write errors say so in one line and exit 2; an unexpected error shows no stack unless asked', () => {
  let listener: ((e: NodeJS.ErrnoException) => void) | undefined;
  const codes: number[] = [];
  const lines: string[] = [];
  exitQuietlyOnClosedPipe(
    {
      on: (_e, l) => {
        listener = l;
      },
    },
    (c) => codes.push(c),
    (l) => lines.push(l),
  );
  listener!(Object.assign(new Error('x'), { code: 'EPIPE' }));
  listener!(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
  assert.deepEqual(codes, [0, 2]);
  assert.deepEqual(lines, ['atlas-backup: cannot write output: ENOSPC\n']);
  const e = new Error('boom');
  assert.doesNotMatch(describeUnexpected(e, {}), /\n\s+at /);
  assert.match(describeUnexpected(e, {}), /^atlas-backup: boom\n/);
  assert.match(describeUnexpected(e, { ATLAS_BACKUP_DEBUG: '1' }), /\n\s+at /);
});
