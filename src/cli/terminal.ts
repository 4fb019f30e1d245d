// Nothing from a file or a server reaches the terminal raw. A schedule file's key, a cluster name, an Atlas error
// detail or a proxy's HTML page can hold ESC sequences (OSC 52 writes the clipboard, ESC[2J clears the screen, others
// hide the lines after them), C1 controls (a lone U+009B is CSI on many terminals), DEL, or bidi overrides that show
// text in another order than it is. Every character like that is written as a `\uNNNN` escape: visible and
// unambiguous on a terminal, and inside a JSON string (`--format json`, SARIF, `pull` to stdout) the very escape
// JSON uses for the same character, so JSON outputs stay the same JSON values. No vscode import.

// C0 but line feed and tab, DEL, C1, bidi embeddings/overrides/isolates, and UTF-16 surrogates without their pair.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// The same, plus line feed and tab: for one value inside a line of ours, which must not start a line of its own.
const UNSAFE_IN_LINE = new RegExp(`[\\n\\t]|${UNSAFE.source}`, 'g');

const escape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text as the CLI writes it to stdout or stderr: every control character but `\n` and `\t` escaped. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** One value (a key name, a message, a name from Atlas) inside a line: line breaks and tabs escaped too. */
export function oneLine(text: string): string {
  return String(text).replace(UNSAFE_IN_LINE, escape);
}
