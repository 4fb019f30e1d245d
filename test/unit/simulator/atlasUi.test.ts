// Open in Atlas against the simulator: the addresses the tree builds (atlasUrl, src/core/tree) get a small HTML page
// saying what the real Atlas would open there (project, cluster, which page), with every name escaped, instead of a
// raw JSON 404. The page's script (which reads the part after `#`, never sent to a server) is run in jsdom.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { repoRoot } from '../cli/builtCli';
import { atlasUrl } from '../../../src/core/tree/explorerPresent';
import type { ExplorerNode } from '../../../src/core/tree/explorerNodes';
import { AtlasSimulator, describeSeed, SEED } from '../../../src/simulator';
import { atlasUiPage } from '../../../src/simulator/atlasUiPage';
import type { Cluster, SimState } from '../../../src/simulator/model';

interface Doc {
  getElementById(id: string): { textContent: string | null } | null;
  querySelector(selector: string): unknown;
  body: { textContent: string | null };
}
type JsdomCtor = new (
  html: string,
  opts: { url: string; runScripts: 'dangerously' },
) => { window: { document: Doc; close(): void } };
const { JSDOM } = createRequire(path.join(repoRoot(), 'package.json'))('jsdom') as { JSDOM: JsdomCtor };

const HOSTILE = '<img src=x onerror=alert(1)>';
const facts = describeSeed();
const production = facts.projects.find((p) => p.id === SEED.projects.production.id)!;
const cluster = production.clusters[0].name;

/** Only what atlasUrl reads of a tree row: its kind, project and cluster. */
const node = (kind: string, groupId?: string, clusterName?: string) =>
  ({ kind, groupId, clusterName }) as unknown as ExplorerNode;

describe('the simulator answers Open in Atlas with a page saying what would open', () => {
  const sim = new AtlasSimulator();
  let base = '';
  before(async () => {
    base = (await sim.start()).url;
  });
  after(() => sim.stop());

  /** Fetches the page as a browser would (the fragment stays behind) and runs it at the full address. */
  async function visit(url: string) {
    const res = await fetch(url);
    const html = await res.text();
    const dom = new JSDOM(html, { url, runScripts: 'dangerously' });
    const document = dom.window.document;
    const out = {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      csp: res.headers.get('content-security-policy') ?? '',
      html,
      text: (document.querySelector('main') as { textContent: string | null } | null)?.textContent ?? '',
      page: document.getElementById('page')?.textContent ?? '',
      img: document.querySelector('img'),
    };
    dom.window.close();
    return out;
  }

  test("each address the tree opens: HTML naming the project, the cluster and the page, never Atlas's JSON 404", async () => {
    const cases: [ExplorerNode, RegExp][] = [
      [node('project', production.id), /^the project's Clusters page$/],
      [node('compliance', production.id), /Settings \(with its Backup Compliance Policy\)/],
      [node('cluster', production.id, cluster), new RegExp(`^cluster ${cluster}: its overview page$`)],
      [node('snapshots', production.id, cluster), new RegExp(`^cluster ${cluster}: its Backup page`)],
      [node('schedule', production.id, cluster), new RegExp(`^cluster ${cluster}: its Backup page`)],
      [node('account'), /^your organizations/],
    ];
    for (const [n, page] of cases) {
      const url = atlasUrl(n, base);
      assert.ok(url, n.kind);
      const p = await visit(url);
      assert.equal(p.status, 200, url);
      assert.match(p.type, /^text\/html/, url);
      assert.match(p.page, page, `${url}: ${p.page}`);
      assert.match(p.text, /local Atlas simulator/);
      assert.match(p.text, /https:\/\/cloud\.mongodb\.com/);
      assert.match(p.csp, /default-src 'none'/);
      assert.doesNotMatch(p.html, /"errorCode"/);
      if (n.kind !== 'account') assert.ok(p.text.includes(`${production.name} (${production.id})`), p.text);
    }
    assert.ok(!sim.requests.some((r) => r.path.startsWith('/v2')), 'a page for a person is not an API request');
  });

  test('a cluster the project does not hold is said so; names from the address stay text', async () => {
    const other = facts.projects.find((p) => p.clusters.length && p.id !== production.id)!.clusters[0].name;
    const notHere = await visit(`${base}/v2/${production.id}#/clusters/backup/${other}`);
    assert.match(notHere.page, /no cluster of that name in the simulator/);
    const hostile = await visit(`${base}/v2/${production.id}#/clusters/detail/${encodeURIComponent(HOSTILE)}`);
    assert.ok(hostile.page.startsWith(`cluster ${HOSTILE}: `), hostile.page);
    assert.equal(hostile.img, null, 'never parsed as HTML');
  });

  test('an unknown project id: a 404 page that says so, the id escaped', async () => {
    const p = await visit(`${base}/v2/${encodeURIComponent(HOSTILE)}#/clusters`);
    assert.equal(p.status, 404);
    assert.match(p.type, /^text\/html/);
    assert.ok(p.text.includes(`no project with the id ${HOSTILE}`), p.text);
    assert.ok(p.html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.equal(p.img, null);
  });

  test('a project or cluster name with HTML or a closing script tag stays text', () => {
    const evil = `${HOSTILE}</script><script>document.title='pwned'</script>`;
    const state = {
      projects: [{ id: 'a'.repeat(24), name: evil, orgId: 'o', createdMs: 0 }],
      clusters: new Map([['x', { groupId: 'a'.repeat(24), name: evil } as Cluster]]),
    } as unknown as SimState;
    const url = `http://127.0.0.1/v2/${'a'.repeat(24)}#/clusters/backup/${encodeURIComponent(evil)}`;
    const p = atlasUiPage(state, new URL(url).pathname)!;
    const dom = new JSDOM(p.html, { url, runScripts: 'dangerously' });
    const document = dom.window.document;
    assert.equal(document.querySelector('img'), null);
    assert.equal((document as unknown as { title: string }).title, 'Open in Atlas (simulated)');
    assert.ok(document.getElementById('page')?.textContent?.startsWith(`cluster ${evil}: its Backup page`));
    assert.doesNotMatch(document.getElementById('page')?.textContent ?? '', /no cluster of that name/);
    assert.ok((document.querySelector('main') as { textContent: string }).textContent.includes(`project ${evil} (`));
    dom.window.close();
  });

  test('other paths outside the API keep the JSON 404 that says what is not simulated', async () => {
    for (const pathname of ['/v3', '/v2/a/b', '/elsewhere']) {
      const res = await fetch(`${base}${pathname}`);
      assert.equal(res.status, 404, pathname);
      const body = (await res.json()) as { errorCode: string; detail: string };
      assert.equal(body.errorCode, 'RESOURCE_NOT_FOUND');
      assert.match(body.detail, /is not simulated/);
    }
  });
});
