import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signalOf } from '../../../../src/vscode/common/cancellation';
import { Disposable } from '../../../../src/vscode/common/disposable';

/** A CancellationToken of VS Code's shape that counts its live listeners. */
function fakeToken() {
  const listeners = new Set<() => void>();
  const token = {
    isCancellationRequested: false,
    onCancellationRequested(l: () => void) {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
  };
  return {
    token: token as never,
    listeners,
    cancel() {
      token.isCancellationRequested = true;
      for (const l of [...listeners]) l();
    },
  };
}

describe('signalOf: CancellationToken → AbortSignal', () => {
  test('the signal aborts when the token is cancelled, and the listener is dropped then', () => {
    const t = fakeToken();
    const s = signalOf(t.token);
    assert.equal(s.signal.aborted, false);
    assert.equal(t.listeners.size, 1);
    t.cancel();
    assert.equal(s.signal.aborted, true);
    assert.equal(t.listeners.size, 0);
  });

  test('dispose() drops the listener: a token outliving the work holds nothing of it, and aborts nothing later', () => {
    const t = fakeToken();
    const s = signalOf(t.token);
    s.dispose();
    assert.equal(t.listeners.size, 0);
    t.cancel();
    assert.equal(s.signal.aborted, false);
  });

  test("a token already cancelled gives an aborted signal; a caller's controller is the one aborted", () => {
    const t = fakeToken();
    t.cancel();
    assert.equal(signalOf(t.token).signal.aborted, true);
    const t2 = fakeToken();
    const ctl = new AbortController();
    const s = signalOf(t2.token, ctl);
    assert.equal(s.signal, ctl.signal);
    t2.cancel();
    assert.equal(ctl.signal.aborted, true);
  });
});

describe('Disposable base', () => {
  class Owner extends Disposable {
    add(d: { dispose(): void }) {
      return this._register(d);
    }
  }
  test('disposes what it registered, newest first, once; registering after dispose disposes at once', () => {
    const order: string[] = [];
    const o = new Owner();
    o.add({ dispose: () => order.push('a') });
    o.add({ dispose: () => order.push('b') });
    o.dispose();
    o.dispose();
    assert.deepEqual(order, ['b', 'a']);
    o.add({ dispose: () => order.push('late') });
    assert.deepEqual(order, ['b', 'a', 'late']);
  });
});
