// Helpers shared by the integration tests (inlined into each test file by test/e2e/build-tests.js).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/**
 * Replaces window.<name> (the same API object the extension uses) until restore(); records each call's
 * arguments and answers with `answer(...args)`, or the next of a list of answers.
 */
export function stubWindow(
  name: keyof typeof vscode.window,
  answer: unknown[] | ((...args: never[]) => unknown),
): { calls: unknown[][]; restore(): void } {
  const w = vscode.window as unknown as Record<string, unknown>;
  const original = w[name];
  const calls: unknown[][] = [];
  w[name] = async (...args: unknown[]) => {
    calls.push(args);
    return typeof answer === 'function' ? (answer as (...a: unknown[]) => unknown)(...args) : answer.shift();
  };
  return {
    calls,
    restore: () => {
      w[name] = original;
    },
  };
}

/** A call to the simulator's control plane (faults, reset, requests); its JSON answer, if any. */
export async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const r = await fetch(`${process.env.ATLAS_SIM_URL}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(r.ok, `simulator control ${method} ${path} → ${r.status}`);
  return r.headers.get('content-type')?.includes('json') ? r.json() : undefined;
}

/** Our diagnostics of `uri` (not VS Code's JSON schema ones). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Atlas Backup');
}

/** A diagnostic's rule id. */
export const code = (d: vscode.Diagnostic): string =>
  typeof d.code === 'object' ? String(d.code.value) : String(d.code);

/** Resolves with our diagnostics for `uri` once `ok` accepts them (checked now and on every change). */
export function diagnosticsUntil(
  uri: vscode.Uri,
  ok: (ds: vscode.Diagnostic[]) => boolean,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const ds = ours(uri);
      if (!ok(ds)) return false;
      sub.dispose();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}
