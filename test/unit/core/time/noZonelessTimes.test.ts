// One time format in VS Code (issue #20 item 9): nothing in the VS Code layer or the webviews writes a moment through the
// runtime's locale formatting, which names no zone ("12/5/2026, 11:46:43 PM"); they use src/core/time/formatTime.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The zoneless ways to write a moment: locale date/time strings, a bare toLocaleString(), a DateTimeFormat without timeZone. */
export function zonelessTimes(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (/^\s*(\/\/|\*)/.test(line)) return;
    const bad =
      /\.toLocale(Date|Time)String\(/.test(line) ||
      /\.toLocaleString\(\s*\)/.test(line) ||
      /Date\([^)]*\)\.toLocaleString\(/.test(line) ||
      (/Intl\.DateTimeFormat\(/.test(line) && !/timeZone/.test(line));
    if (bad) found.push(`${i + 1}: ${line.trim()}`);
  });
  return found;
}

test('the scan finds the zoneless forms it is meant to refuse, and lets number formatting pass', () => {
  assert.equal(zonelessTimes('const w = new Date(iso).toLocaleString();').length, 1);
  assert.equal(zonelessTimes("x.textContent = `Loaded ${d.toLocaleDateString('en-GB')}`;").length, 1);
  assert.equal(zonelessTimes('const f = new Intl.DateTimeFormat(undefined, { hour: "2-digit" });').length, 1);
  assert.equal(zonelessTimes("`${n.toLocaleString('en-US')} total`").length, 0);
  assert.equal(zonelessTimes("new Intl.DateTimeFormat('en-GB', { timeZone })").length, 0);
});

test('src/vscode and src/webview write no moment without its zone', () => {
  const offenders = ['src/vscode', 'src/webview'].flatMap((dir) =>
    sources(path.join(root, dir)).flatMap((file) =>
      zonelessTimes(fs.readFileSync(file, 'utf8')).map((hit) => `${path.relative(root, file)}:${hit}`),
    ),
  );
  assert.deepEqual(offenders, [], 'use formatTime (src/core/time/formatTime.ts) instead');
});
