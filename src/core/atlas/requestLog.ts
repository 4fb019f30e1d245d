// One line per request for the log output channel: method, path, status, Atlas error code, duration.
// No vscode import (unit-tested). The client never hands us headers or bodies, so no secret can get here;
// redact() is a second line of defence for text that might echo user input.
import type { RequestLogEntry } from './';

export type LogLevel = 'info' | 'warn' | 'error' | 'debug';

export function formatRequestLog(e: RequestLogEntry): { level: LogLevel; line: string } {
  const attempt = e.attempt > 1 ? `, attempt ${e.attempt}` : '';
  const took = `${Math.round(e.durationMs)} ms${attempt}`;
  switch (e.outcome) {
    case 'ok':
      return { level: 'info', line: `${e.method} ${e.path} → ${e.status} (${took})` };
    case 'http-error':
      return {
        level: 'warn',
        line: `${e.method} ${e.path} → ${e.status}${e.errorCode ? ` ${e.errorCode}` : ''} (${took})`,
      };
    case 'network-error':
      return { level: 'error', line: `${e.method} ${e.path} → network error (${took})` };
    case 'timeout':
      return { level: 'error', line: `${e.method} ${e.path} → timed out (${took})` };
    case 'cancelled':
      return { level: 'debug', line: `${e.method} ${e.path} → cancelled (${took})` };
  }
}

/** Replaces every occurrence of each secret (at least 4 characters long) with ***. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('***');
  }
  return out;
}
