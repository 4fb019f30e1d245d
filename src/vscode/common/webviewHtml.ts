// The one HTML shell of our webviews (the schedule editor, the posture report): a strict Content-Security-Policy
// (nothing by default; our bundle's styles, fonts and images; scripts only by a fresh nonce, so no inline script,
// no eval, no remote resource), the entry's script and stylesheet from dist/webview, and a placeholder until the
// script draws. Callers pass constant text only.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewShell {
  /** dist/webview, the only folder the webview may load from. */
  root: vscode.Uri;
  /** The esbuild entry's name: `<entry>.js` and `<entry>.css` under root. */
  entry: string;
  title: string;
  /** Shown until the script has drawn. */
  loading: string;
  /** Extra attributes of the root element, e.g. `aria-live="off"`. */
  rootAttributes?: string;
  /**
   * A first message for the script, carried in the page (a JSON data block the script reads at once) so the first
   * draw does not wait for the `ready` round trip.
   */
  initial?: unknown;
  /**
   * The entry's script and stylesheet texts, to put in the page instead of loading them (each load goes through
   * VS Code's webview resource loader, a round trip that delays the first draw). Ignored when a text could end its
   * element early.
   */
  inline?: { script: string; style: string };
}

/** JSON that cannot end its script element or open another (`<` escaped; JSON.parse reads it back as is). */
function dataBlock(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function webviewHtml(webview: vscode.Webview, o: WebviewShell): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(o.root, `${o.entry}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(o.root, `${o.entry}.css`));
  const inline =
    o.inline && !/<\/script|<!--/i.test(o.inline.script) && !/<\/style/i.test(o.inline.style) ? o.inline : undefined;
  const csp = [
    `default-src 'none'`,
    `img-src ${webview.cspSource}`,
    `style-src ${webview.cspSource}${inline ? ` 'nonce-${nonce}'` : ''}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${inline ? `<style nonce="${nonce}">${inline.style}</style>` : `<link rel="stylesheet" href="${style.toString()}">`}
<title>${o.title}</title>
</head>
<body>
<div id="root"${o.rootAttributes ? ` ${o.rootAttributes}` : ''}><p>${o.loading}</p></div>
${o.initial !== undefined ? `<script type="application/json" id="initial-state" nonce="${nonce}">${dataBlock(o.initial)}</script>\n` : ''}${inline ? `<script nonce="${nonce}">${inline.script}</script>` : `<script nonce="${nonce}" src="${script.toString()}"></script>`}
</body>
</html>`;
}
