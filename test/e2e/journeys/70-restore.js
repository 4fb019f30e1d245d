// UI journey of a restore from the tree: Restore… on a snapshot row, a target picked from every cluster the account
// can see (compatible ones first), the plan shown as a read-only Markdown preview, the target's name typed, the
// restore watched to its end (the simulator's restores sped up through its control plane) and listed in the
// cluster's Restores row. Checks on the simulator that exactly one restore was sent, and only after the name was typed.
// Leaves the tree collapsed, editors closed and notifications cleared.
'use strict';
const lib = require('../lib');
const { ui } = lib;
const { row, label } = require('./helpers');

const SNAPSHOT_ROW = /^\d{4}-\d\d-\d\d \d\d:\d\d UTC /;

module.exports = function journeys(ctx) {
  const { page, sim } = ctx;
  const widget = () => page.locator('.quick-input-widget');
  const restorePosts = async (before) =>
    (await sim.requests())
      .slice(before)
      .filter((r) => r.method === 'POST' && /\/clusters\/orders-rs\/backup\/restoreJobs$/.test(r.path));
  return [
    {
      name: 'restore: a snapshot onto another cluster from the tree — the plan, the typed name, watched to the end, in Restores',
      async run() {
        const speed = await fetch(`${sim.url}/__sim/restore-speed`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ minSeconds: 2, bytesPerSecond: 1e15 }),
        });
        if (!speed.ok) throw new Error(`restore-speed -> ${speed.status}`);
        await ui.openViewContainer(page, 'Atlas Backup');
        await ui.clearNotifications(page);
        // .first(): with two accounts signed in (an earlier journey signs in by hand) each has a Production row.
        const production = row(page, 'Production').first();
        await ui.expand(production);
        const orders = row(page, 'orders-rs').first();
        await ui.expand(orders);
        const snapshots = row(page, 'Snapshots').first();
        await ui.expand(snapshots);
        const snapshot = row(page, SNAPSHOT_ROW).first();
        await snapshot.waitFor({ timeout: 30000 });
        const before = (await sim.requests()).length;
        await snapshot.click({ button: 'right' });
        await ui.clickContextMenuItem(page, 'Restore…');

        const input = widget().locator('input.input');
        await widget().locator('.quick-input-title', { hasText: 'onto which cluster?' }).waitFor();
        const target = widget().locator('.quick-input-list .monaco-list-row', { hasText: 'sandbox-001' }).first();
        await input.fill('sandbox-001');
        await target.waitFor({ timeout: 30000 });
        if (!/every check passed/.test((await target.textContent()) || ''))
          throw new Error(`sandbox-001 is not offered as compatible: ${await target.textContent()}`);
        await target.click();

        // The plan, before anything is sent; then the typed name, validated while typing.
        await widget().locator('.quick-input-title', { hasText: 'Restore snapshot onto sandbox-001' }).waitFor();
        const plan = ui.activeWebview(page);
        await plan.getByText('Restore a snapshot onto a cluster: plan').waitFor({ timeout: 20000 });
        await plan
          .getByText(/deleted and replaced/)
          .first()
          .waitFor();
        await input.fill('sandbox-00');
        await widget()
          .getByText(/Type sandbox-001 \(the target cluster's name, exactly\) to confirm/)
          .waitFor();
        if ((await restorePosts(before)).length) throw new Error('a restore was sent before the name was typed');
        await lib.screenshot(page, '70-restore-plan.png');
        await input.fill('sandbox-001');
        await page.keyboard.press('Enter');

        const toasts = page.locator('.notifications-toasts');
        await toasts
          .getByText(/Restore of orders-rs onto sandbox-001/)
          .first()
          .waitFor({ timeout: 20000 });
        await toasts
          .getByText(/Restore finished: sandbox-001 now holds/)
          .first()
          .waitFor({ timeout: 60000 });
        const posts = await restorePosts(before);
        if (posts.length !== 1) throw new Error(`expected one restore sent, saw ${posts.length}`);

        // The Restores row lists it, with the duration this editor timed (below the long snapshot list: close that).
        await ui.collapse(snapshots);
        const restores = row(page, 'Restores').first();
        await ui.expand(restores);
        const job = row(page, /^Restore onto sandbox-001 completed · finished .* · took /).first();
        await job.waitFor({ timeout: 20000 });
        await lib.screenshot(page, '71-restores-row.png');
        if (!/took \d+s/.test((await label(job)) || '')) throw new Error(`no duration: ${await label(job)}`);

        await ui.clearNotifications(page);
        await ui.runCommand(page, 'View: Close All Editors');
        await ui.collapse(restores);
        await ui.collapse(orders);
        await ui.collapse(production);
      },
    },
  ];
};
