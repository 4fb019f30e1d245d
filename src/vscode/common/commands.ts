// The one way a command is registered: every failure is logged in full and shown once as a notification (with a
// sign-in offer when Atlas refused the credentials); a cancellation, recognised by its type, stays silent.
import * as vscode from 'vscode';
import { failureNotice } from '../../core/atlas/errors';
import { Commands } from '../../core/ids';
import type { CommandId } from '../../core/ids';
import type { Logger } from './logger';

/**
 * Registers `run` under `id`. `what` names the action in the failure notice ("Push failed: …"). A failure resolves
 * to undefined (the caller of executeCommand sees no rejection: the person has been told).
 */
export function registerCommand<A extends unknown[], R>(
  logger: Logger,
  id: CommandId,
  what: string,
  run: (...args: A) => R | Promise<R>,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A): Promise<R | undefined> => {
    try {
      return await run(...args);
    } catch (e) {
      reportFailure(logger, what, e);
      return undefined;
    }
  });
}

/** Logs `e` in full and shows it once; silent for a cancellation (Atlas's, an AbortSignal's or VS Code's). */
export function reportFailure(logger: Logger, what: string, e: unknown): void {
  if (e instanceof vscode.CancellationError) return;
  const notice = failureNotice(what, e);
  if (notice.silent) return;
  logger.error(`${what} failed`, e);
  const actions = notice.offerSignIn ? ['Sign In', 'Show Log'] : ['Show Log'];
  void vscode.window.showErrorMessage(notice.message, ...actions).then((pick) => {
    if (pick === 'Sign In') void vscode.commands.executeCommand(Commands.signIn);
    else if (pick === 'Show Log') logger.show();
  });
}
