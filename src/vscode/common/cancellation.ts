// The one bridge from VS Code's CancellationToken to the AbortSignal every core call takes. Only a type import of
// vscode, so plain Node can test it with a token of the same shape.
import type * as vscode from 'vscode';

export interface TokenSignal {
  readonly signal: AbortSignal;
  /** Stops listening to the token (call it when the work ends: a token can outlive the work by far). */
  dispose(): void;
}

/**
 * An AbortSignal that aborts when `token` is cancelled: `controller`'s, when the caller also aborts for reasons of
 * its own, else a new one. The token's listener is dropped on dispose() and as soon as it has fired.
 */
export function signalOf(token: vscode.CancellationToken, controller = new AbortController()): TokenSignal {
  if (token.isCancellationRequested) {
    controller.abort();
    return { signal: controller.signal, dispose: () => undefined };
  }
  const sub = token.onCancellationRequested(() => {
    sub.dispose();
    controller.abort();
  });
  return {
    signal: controller.signal,
    dispose: () => {
      sub.dispose();
    },
  };
}
