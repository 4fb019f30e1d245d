// Open in Atlas, pointed at the simulator, opens its address in a browser: `/v2#/…` (the account's organizations) or
// `/v2/<project id>#/…` (a project's clusters, settings, or a cluster's overview or Backup page). The simulator serves
// no web UI, so instead of a raw JSON 404 it answers a small page saying what the real Atlas would open there. The part
// after `#` never reaches a server: the page's own script reads it, and sets every text with textContent. Everything
// from the state (project and cluster names) is escaped here.
import { randomBytes } from 'node:crypto';
import type { SimState } from './model';

export interface UiPage {
  status: number;
  html: string;
  /** Content-Security-Policy: nothing loads; only the page's own script runs. */
  csp: string;
}

const REAL_ATLAS = 'https://cloud.mongodb.com';

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** JSON that is safe inside a `<script type="application/json">` (no `</script>`, no `<!--`). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** Reads the fragment (`#/clusters/backup/orders-rs`) and says which page that is; clusters it knows are named. */
const SCRIPT = `(() => {
  const clusters = JSON.parse(document.getElementById('clusters').textContent);
  const hash = location.hash.replace(/^#/, '');
  const seg = hash.split('/').filter(Boolean).map((s) => { try { return decodeURIComponent(s); } catch { return s; } });
  const cluster = (name, page) =>
    'cluster ' + name + ': ' + page + (clusters === null || clusters.includes(name) ? '' : ' (this project has no cluster of that name in the simulator)');
  let page;
  if (seg[0] === 'clusters' && seg[1] === 'backup' && seg[2]) page = cluster(seg[2], 'its Backup page (snapshots, backup policy, restores)');
  else if (seg[0] === 'clusters' && seg[1] === 'detail' && seg[2]) page = cluster(seg[2], 'its overview page');
  else if (seg[0] === 'clusters' && seg.length === 1) page = "the project's Clusters page";
  else if (seg[0] === 'settings' && seg[1] === 'groupSettings') page = "the project's Settings (with its Backup Compliance Policy)";
  else if (seg[0] === 'preferences' && seg[1] === 'organizations') page = 'your organizations (account preferences)';
  else page = hash ? 'the page at #' + hash : "the project's default page";
  document.getElementById('page').textContent = page;
})();`;

function page(nonce: string, title: string, body: string, clusters: string[] | null): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #1c2d38; }
.note { color: #5c6c75; }
code { background: #f0f3f4; padding: 0 .25rem; border-radius: 3px; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
<p class="note">This is the local Atlas simulator: it answers the Atlas Administration API, not Atlas's web pages. On <code>${REAL_ATLAS}</code> this link opens the page above.</p>
</main>
<script type="application/json" id="clusters">${scriptJson(clusters)}</script>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

/** The page for a path of Atlas's web UI (`/v2`, `/v2/<groupId>`), or undefined for any other path. */
export function atlasUiPage(state: SimState, pathname: string): UiPage | undefined {
  const m = /^\/v2(?:\/([^/]*))?\/?$/.exec(pathname);
  if (!m) return undefined;
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`;
  const groupId = m[1] ? safeDecode(m[1]) : undefined;
  if (!groupId)
    return {
      status: 200,
      csp,
      html: page(nonce, 'Open in Atlas (simulated)', `<p>In Atlas this opens <strong id="page">…</strong>.</p>`, null),
    };
  const project = state.projects.find((p) => p.id === groupId);
  if (!project)
    return {
      status: 404,
      csp,
      html: page(
        nonce,
        'No such project in the simulator',
        `<p>The simulator holds no project with the id <code>${escapeHtml(groupId)}</code>, so Atlas would not find it either. In Atlas this address would open <strong id="page">…</strong>.</p>`,
        [],
      ),
    };
  const clusters = [...state.clusters.values()].filter((c) => c.groupId === project.id).map((c) => c.name);
  return {
    status: 200,
    csp,
    html: page(
      nonce,
      'Open in Atlas (simulated)',
      `<p>In Atlas this opens, in the project <strong>${escapeHtml(project.name)}</strong> (<code>${escapeHtml(project.id)}</code>): <strong id="page">…</strong>.</p>`,
      clusters,
    ),
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
