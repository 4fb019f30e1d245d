// UI journeys of the Projects tree below a project: the Backup Compliance Policy row, a cluster's schedule and
// snapshots, Load more, Take snapshot now watched to completion, and a delete refused under the policy.
// Leaves the tree collapsed, editors closed, notifications cleared and the page size back at its default.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const lib = require('../lib');
const { ui } = lib;
const { sidebar, row, label } = require('./helpers');

const SNAPSHOT_ROW = /^\d{4}-\d\d-\d\d \d\d:\d\d UTC /;

module.exports = function journeys(ctx) {
  const { page, sim } = ctx;
  /** The workspace folder code-server opened (the workbench URL names it). */
  const workspaceFolder = () => new URL(page.url()).searchParams.get('folder');
  const settingsFile = () => path.join(workspaceFolder(), '.vscode', 'settings.json');
  const setPageSize = (n) => {
    fs.mkdirSync(path.dirname(settingsFile()), { recursive: true });
    fs.writeFileSync(
      settingsFile(),
      JSON.stringify(n === undefined ? {} : { 'atlasBackup.snapshotsPerPage': n }, null, 2),
    );
  };
  const snapshotsRow = () => row(page, 'Snapshots');
  return [
    {
      name: 'tree: the Backup Compliance Policy row of a project, in words',
      async run() {
        await ui.clearNotifications(page);
        const prod = row(page, 'Production');
        // The lock loads with the project's row: it shows before anyone opens the project.
        await lib.until(async () => /compliance policy/.test(await label(prod)), {
          message: 'Production is marked as under a compliance policy before it is opened',
        });
        await ui.expand(prod);
        // The policy row is complete at once (its policy came with the project row): let the clusters land below it
        // before clicking, or the click races their rows' arrival.
        await row(page, 'orders-rs').waitFor();
        const policy = row(page, 'Backup Compliance Policy');
        await lib.until(async () => /Backup Compliance Policy active/.test(await label(policy)), {
          message: 'the policy row says "active"',
        });
        await ui.expand(policy);
        await row(page, 'State: active').waitFor();
        await row(page, /^Authorized by /).waitFor();
        await row(page, /^every \d+ hours or more often, kept at least/).waitFor();
        await row(page, /^on-demand snapshots kept at least/).waitFor();
        await row(page, /^Copy protection: /).waitFor();
        await lib.screenshot(page, '20-tree-compliance.png');
        await ui.collapse(policy);
      },
    },
    {
      name: 'tree: browse from a cluster to its schedule in words and to a snapshot',
      async run() {
        const orders = row(page, 'orders-rs');
        // The backup state leads the description: a narrow sidebar cuts the end off, not the state.
        if (!/^orders-rs backup on · /.test(await label(orders)))
          throw new Error(`orders-rs does not lead with its backup state: ${await label(orders)}`);
        await ui.expand(orders);
        const schedule = row(page, 'Backup schedule');
        await lib.until(async () => /Backup schedule \d+h·\d+[dwmy]/.test(await label(schedule)), {
          message: 'the schedule row shows its one-line summary',
        });
        // Expanded with its twistie: a click on the row opens the schedule editor.
        await ui.expand(schedule);
        await row(page, /^every \d+ hours, kept \d+ days?/).waitFor();
        await row(page, /^on the last day of every month, kept /).waitFor();
        await ui.expand(snapshotsRow());
        await lib.until(async () => /Snapshots [\d,]+ total/.test(await label(snapshotsRow())), {
          message: 'the Snapshots row shows the total',
        });
        const first = row(page, SNAPSHOT_ROW).first();
        await first.waitFor();
        if (!/(scheduled|on-demand) · .*(expires \d{4}-\d\d-\d\d|no expiry)/.test(await label(first)))
          throw new Error(`a snapshot row without type or expiry: ${await label(first)}`);
        await first.hover();
        await page
          .locator('.monaco-hover, .workbench-hover')
          .getByText(/Created: /)
          .first()
          .waitFor({ timeout: 10000 });
        await lib.screenshot(page, '21-tree-snapshot.png');
        await page.mouse.move(0, 0);
        await ui.collapse(schedule);
      },
    },
    {
      name: 'tree: Load more lists the next page of snapshots',
      async run() {
        setPageSize(5); // a short page so the Load more row is on screen
        const more = row(page, /^Load more/);
        await lib.until(async () => (await more.count()) === 1 && /5 of [\d,]+ loaded/.test(await label(more)), {
          timeout: 30000,
          message: 'a Load more row after 5 snapshots',
        });
        const before = (await sim.requests()).length;
        // A click that lands while the tree re-renders the row can miss its command: click again until it runs.
        await lib.until(
          async () => {
            if (/10 of [\d,]+ loaded/.test(await label(more))) return true;
            const page2 = (await sim.requests()).slice(before).some((r) => r.query && r.query.pageNum === '2');
            if (!page2) await more.click().catch(() => {});
            return false;
          },
          { interval: 1000, message: 'Load more shows 10 loaded' },
        );
        await ui.clearNotifications(page);
        const pages = (await sim.requests())
          .slice(before)
          .filter((r) => r.method === 'GET' && /\/clusters\/orders-rs\/backup\/snapshots$/.test(r.path));
        if (pages.length !== 1 || pages[0].query.pageNum !== '2')
          throw new Error(`expected one request for page 2, saw ${JSON.stringify(pages.map((r) => r.query))}`);
        await lib.screenshot(page, '22-tree-load-more.png');
      },
    },
    {
      name: 'tree: Take snapshot now on a cluster, watched until it completes',
      async run() {
        const orders = row(page, 'orders-rs');
        await orders.click({ button: 'right' });
        await page.getByRole('menuitem', { name: 'Take Snapshot Now…', exact: true }).waitFor();
        // orders-rs has no draft: nothing to discard or push is offered.
        for (const name of ['Discard Draft', 'Push Schedule to Atlas'])
          if (await page.getByRole('menuitem', { name, exact: true }).count())
            throw new Error(`"${name}" is offered on a cluster without a draft`);
        await ui.clickContextMenuItem(page, 'Take Snapshot Now…');
        const widget = page.locator('.quick-input-widget');
        const input = widget.locator('input.input');
        await widget.locator('.quick-input-title', { hasText: 'Take snapshot now: orders-rs (1/2)' }).waitFor();
        await input.fill('0');
        await widget.getByText(/must be at least 1 day/).waitFor(); // validated while typing, nothing sent
        await input.fill('14');
        await page.keyboard.press('Enter');
        await widget.locator('.quick-input-title', { hasText: '(2/2)' }).waitFor();
        await input.fill("Before the UI journey's schema change");
        await page.keyboard.press('Enter');
        const toasts = page.locator('.notifications-toasts');
        await toasts
          .getByText(/Snapshot of orders-rs/)
          .first()
          .waitFor();
        await lib.screenshot(page, '23-tree-snapshot-progress.png');
        await toasts.getByText('The snapshot of orders-rs is complete.').waitFor({ timeout: 60000 });
        const posts = (await sim.requests()).filter(
          (r) => r.method === 'POST' && /\/clusters\/orders-rs\/backup\/snapshots$/.test(r.path),
        );
        if (posts.length !== 1) throw new Error(`expected one POST for the snapshot, saw ${posts.length}`);
        // Newest first: the new snapshot heads the list, completed.
        await ui.expand(snapshotsRow());
        const first = row(page, SNAPSHOT_ROW).first();
        await lib.until(async () => /on-demand · /.test(await label(first)), {
          timeout: 20000,
          message: 'the new on-demand snapshot heads the list',
        });
        await lib.screenshot(page, '24-tree-snapshot-completed.png');
        await ui.clearNotifications(page);
      },
    },
    {
      name: "tree: a snapshot filter fills the row's filter icon until it is cleared",
      async run() {
        const snapshots = snapshotsRow();
        const button = (title) => snapshots.locator(`.action-label[aria-label="${title}"]`);
        const widget = page.locator('.quick-input-widget');
        const pickFilter = async (title, choice) => {
          await snapshots.hover();
          await button(title).click();
          await widget.locator('.quick-input-title', { hasText: 'Snapshots of orders-rs' }).waitFor();
          await widget.locator('input.input').fill(choice);
          await widget.locator('.quick-input-list .monaco-list-row.focused', { hasText: choice }).waitFor();
          await page.keyboard.press('Enter');
        };
        await pickFilter('Filter Snapshots…', 'On-demand snapshots only');
        await lib.until(async () => /on-demand only/.test(await label(snapshots)), {
          message: 'the Snapshots row says its filter',
        });
        await snapshots.hover();
        await button('Filter Snapshots… (filter on)').waitFor();
        if (!(await button('Filter Snapshots… (filter on)').evaluate((el) => el.className.includes('filter-filled'))))
          throw new Error('the filter-on button does not show the filled icon');
        await lib.screenshot(page, '24-tree-filter-on.png');
        await pickFilter('Filter Snapshots… (filter on)', 'All snapshots');
        await lib.until(async () => !/only/.test(await label(snapshots)), { message: 'the filter cleared' });
        await snapshots.hover();
        await button('Filter Snapshots…').waitFor();
        await page.mouse.move(0, 0);
      },
    },
    {
      name: 'tree: Delete under the Backup Compliance Policy is refused with the reason, before any request',
      async run() {
        const before = (await sim.requests()).length;
        await ui.expand(snapshotsRow());
        const first = row(page, SNAPSHOT_ROW).first();
        await first.click({ button: 'right' });
        await ui.clickContextMenuItem(page, 'Delete Snapshot…');
        const dialog = ui.modalDialog(page);
        await dialog
          .getByText(/Snapshots of project Production cannot be deleted: its Backup Compliance Policy is active/)
          .waitFor();
        await lib.screenshot(page, '25-tree-delete-refused.png');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        const deletes = (await sim.requests()).slice(before).filter((r) => r.method === 'DELETE');
        if (deletes.length) throw new Error(`a DELETE was sent: ${deletes.map((r) => r.path).join(', ')}`);
      },
    },
    {
      name: 'tree: leave it as found (default page size, collapsed)',
      async run() {
        setPageSize(undefined);
        await lib.until(async () => (await row(page, /^Load more/).count()) === 0, {
          timeout: 30000,
          message: 'back to 500 a page',
        });
        await ui.collapse(snapshotsRow());
        await ui.collapse(row(page, 'orders-rs'));
        await ui.collapse(row(page, 'Production'));
        await ui.runCommand(page, 'View: Close All Editors');
        await ui.clearNotifications(page);
        if (
          await sidebar(page)
            .getByRole('treeitem', { name: /^orders-rs/ })
            .count()
        )
          throw new Error('Production is still expanded');
      },
    },
    {
      name: "tree: a sharded cluster's snapshot opens onto its members, one per shard and the config server",
      async run() {
        await ui.expand(row(page, 'Production'));
        const cluster = row(page, 'catalog-sharded');
        await ui.expand(cluster);
        const snapshots = row(page, /^Snapshots \(sharded cluster\)/);
        await ui.expand(snapshots);
        const first = row(page, SNAPSHOT_ROW).first();
        await first.waitFor();
        await ui.expand(first);
        // catalog-sharded has two shards: two shard rows and the config server's, each with its provider and id.
        for (const name of ['catalog-sharded-shard-0', 'catalog-sharded-shard-1', 'catalog-sharded-config-0']) {
          const member = row(page, name);
          await member.waitFor();
          if (!/ GCP · [a-f0-9]{24}$/.test(await label(member)))
            throw new Error(`a member row without provider and id: ${await label(member)}`);
        }
        await lib.screenshot(page, '24-tree-sharded-members.png');
        await ui.collapse(first);
        await ui.collapse(snapshots);
        await ui.collapse(cluster);
        await ui.collapse(row(page, 'Production'));
      },
    },
  ];
};
