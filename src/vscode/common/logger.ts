import * as vscode from 'vscode';
import type { RequestLogEntry } from '../../core/atlas';
import { formatRequestLog, redact } from '../../core/atlas/requestLog';

/** The extension's one log: a LogOutputChannel, with every line passed through redaction of known secrets. */
export class Logger implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();

  constructor(name = 'Atlas Backup') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** Secrets currently in use; any log line containing one has it replaced by ***. */
  setSecrets(values: Iterable<string>): void {
    this.secrets.clear();
    for (const v of values) if (v) this.secrets.add(v);
  }

  info(msg: string): void {
    this.channel.info(this.clean(msg));
  }
  warn(msg: string): void {
    this.channel.warn(this.clean(msg));
  }
  debug(msg: string): void {
    this.channel.debug(this.clean(msg));
  }
  error(msg: string, err?: unknown): void {
    const detail = err === undefined ? '' : thrownText(err);
    this.channel.error(this.clean(detail ? `${msg}: ${detail}` : msg));
  }

  request = (e: RequestLogEntry): void => {
    const { level, line } = formatRequestLog(e);
    this.channel[level](this.clean(line));
  };

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private clean(text: string): string {
    return redact(text, this.secrets);
  }
}

/** What was thrown, in words: an Error's name and message, anything else as String() shows it. */
function thrownText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
