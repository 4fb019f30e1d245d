// UI journeys of the fleet: the Backup Posture report over the seeded organisation, its filters, and a row that
// takes you to the cluster in the tree. Leaves the workbench as it found it (editors closed, tree collapsed).
'use strict';
const lib = require('../lib');
const { ui } = lib;
const { sidebar, row } = require('./helpers');

module.exports = function journeys(ctx) {
  const { page, sim } = ctx;
  const report = () => ui.activeWebview(page);
  const rows = () => report().locator('tbody[data-testid="rows"] tr[data-cluster]');
  const count = async () => rows().count();
  // What the simulator holds, read when the report is first shown: the seed grows, so no figures of today's.
  let fleet;
  return [
    {
      name: 'fleet: Backup Posture lists every cluster of the seeded organisation with a summary line',
      async run() {
        await ui.openViewContainer(page, 'Atlas Backup');
        // .first(): with two accounts signed in (an earlier journey signs in by hand) each has a Production row.
        await row(page, 'Production').first().waitFor();
        await ui.runCommand(page, 'Atlas Backup: Backup Posture');
        await report().locator('body[data-state="done"]').waitFor({ timeout: 60000 });
        fleet = await lib.fleetCounts(sim);
        if (fleet.clusters === 0 || fleet.backupOff === 0)
          throw new Error(`the simulator holds ${JSON.stringify(fleet)}`);
        const summary = await report().locator('[data-testid="summary"]').textContent();
        const head = `${fleet.clusters} clusters · ${fleet.backupOff} backup off · `;
        if (!summary.startsWith(head) || !/ · \d+ with errors · \d+ overdue · \d+ not compliant/.test(summary))
          throw new Error(
            `summary: ${summary} (the simulator holds ${fleet.clusters} clusters, ${fleet.backupOff} backup off)`,
          );
        if ((await count()) !== fleet.clusters) throw new Error(`${await count()} rows shown of ${fleet.clusters}`);
        const ledger = report().locator('tr[data-cluster="ledger-pit"]');
        if (!/continuous/.test(await ledger.textContent()))
          throw new Error('ledger-pit is not shown with continuous backup');
        await ui.clearNotifications(page);
        // All twelve columns fit beside the side bar: the last one, Last restore, ends inside the report's width.
        const fits = await report()
          .locator('table.report')
          .evaluate((t) => {
            const last = t.querySelector('thead th:last-child').getBoundingClientRect();
            return { right: Math.round(last.right), width: document.documentElement.clientWidth };
          });
        if (fits.right > fits.width)
          throw new Error(`the Last restore column ends at ${fits.right} px of a ${fits.width} px wide report`);
        await lib.screenshot(page, '50-posture.png');
      },
    },
    {
      name: 'fleet: the recovery columns sort by their data; a row opens onto its details and Run Restore Drill…',
      async run() {
        // Last restore, ascending: the never restored first (a seeded cluster is), backup off last.
        await report().locator('button[data-sort="lastRestore"]').click();
        await report().locator('th[aria-sort="ascending"] button[data-sort="lastRestore"]').waitFor();
        const firstLast = await rows().first().locator('[data-testid="last-restore"]').textContent();
        if (firstLast !== 'never') throw new Error(`sorting by last restore puts ${firstLast} first, not never`);
        const lastBackup = await rows().last().locator('td').nth(3).textContent();
        if (lastBackup !== 'off')
          throw new Error(`sorting by last restore does not put backup off last: ${lastBackup}`);
        // orders-rs was restored (the seed says so): its details say when, in full, and offer the drill.
        const orders = report().locator('tr[data-cluster="orders-rs"]');
        await orders.locator('[data-testid="details-toggle"]').click();
        const details = report().locator('tr[data-details-for="orders-rs"]');
        await details.waitFor();
        const full = await details.locator('[data-testid="detail-last-restore"]').textContent();
        if (!/^\d{4}-\d\d-\d\d \d\d:\d\d UTC \(automated, .* ago/.test(full))
          throw new Error(`orders-rs's last restore in the details: ${full}`);
        await lib.screenshot(page, '50b-posture-details.png');
        await details.locator('[data-testid="run-drill"]').click();
        // Without the restore feature's command the action says so; with it, the drill asks where to restore.
        const missing = ui.notifications(page).filter({ hasText: 'Run Restore Drill is not available' });
        const asks = page.locator('.quick-input-widget:visible');
        await lib.until(async () => (await missing.count()) > 0 || (await asks.count()) > 0, {
          message: 'Run Restore Drill… answers',
          timeout: 20000,
        });
        if (await asks.count()) await page.keyboard.press('Escape');
        await ui.clearNotifications(page);
        await orders.locator('[data-testid="details-toggle"]').click();
        await details.waitFor({ state: 'detached' });
        await report().locator('button[data-sort="project"]').click();
      },
    },
    {
      name: 'fleet: the Backup off filter and the text filter narrow the rows; sorting by findings',
      async run() {
        await report().locator('button[data-filter="off"]').click();
        await lib.until(async () => (await count()) === fleet.backupOff, {
          message: `the Backup off filter shows the ${fleet.backupOff} clusters with backup off`,
        });
        // The cluster's full name: a word like "staging" would also match clusters a growing seed may add.
        await report().locator('[data-testid="text-filter"]').fill('staging-rs');
        await lib.until(async () => (await count()) === 1, { message: 'the text filter leaves staging-rs' });
        if ((await rows().first().getAttribute('data-cluster')) !== 'staging-rs')
          throw new Error('the one row is not staging-rs');
        await lib.screenshot(page, '51-posture-filtered.png');
        await report().locator('[data-testid="text-filter"]').fill('');
        await report().locator('button[data-filter="all"]').click();
        await lib.until(async () => (await count()) === fleet.clusters, { message: 'all rows come back' });
        await report().locator('button[data-sort="backup"]').click();
        await lib.until(
          async () => (await report().locator('th[aria-sort="ascending"] button[data-sort="backup"]').count()) === 1,
          { message: 'sorted by backup' },
        );
        const first = await rows().first().textContent();
        if (!/off/.test(first)) throw new Error(`sorting by backup does not put backup off first: ${first}`);
      },
    },
    {
      name: 'fleet: a row opens its cluster in the Projects tree',
      async run() {
        await report().locator('tr[data-cluster="ledger-pit"] button[data-testid="open-cluster"]').click();
        const selected = sidebar(page).locator('.monaco-list-row.selected', { hasText: 'ledger-pit' });
        await selected.waitFor({ timeout: 20000 });
        await lib.screenshot(page, '52-posture-reveal.png');
        await ui.runCommand(page, 'View: Close All Editors');
        // Collapse the Production row the reveal expanded (under whichever account it was).
        const expanded = sidebar(page).locator('.monaco-list-row[aria-expanded="true"][aria-label^="Production "]');
        for (let n = await expanded.count(); n > 0; n--) {
          await expanded.first().locator('.monaco-tl-twistie').click();
          await lib.until(async () => (await expanded.count()) === n - 1, { message: 'the Production row collapses' });
        }
        await sidebar(page).locator('.monaco-list-row', { hasText: 'ledger-pit' }).waitFor({ state: 'detached' });
      },
    },
    {
      name: "fleet: apply orders-rs's schedule to three clusters: the NVMe one refused, one confirmation, two pushed",
      async run() {
        const widget = page.locator('.quick-input-widget');
        const input = widget.locator('input.input');
        const pickRow = (label) =>
          widget.locator(`.quick-input-list .monaco-list-row[aria-label^=${JSON.stringify(label)}]`).first();
        const before = (await sim.requests()).length;
        await ui.runCommand(page, 'Atlas Backup: Apply to Other Clusters…');
        await pickRow('Production / orders-rs').click(); // one pick over "project / cluster"
        await widget
          .locator('.quick-input-title', { hasText: "Apply orders-rs's schedule in Atlas to" })
          .waitFor({ timeout: 30000 });
        // Filter as you type (project, tier, NVMe): the picks stay checked across filters.
        for (const [filter, name] of [
          ['nvme', 'analytics-nvme'],
          ['sandbox-001', 'sandbox-001'],
          ['sandbox-002', 'sandbox-002'],
        ]) {
          await input.fill(filter);
          await pickRow(name).click();
        }
        await input.fill('');
        await lib.screenshot(page, '53-apply-pick.png');
        await page.keyboard.press('Enter');
        const dialog = ui.modalDialog(page);
        await dialog.waitFor({ timeout: 30000 });
        const text = await dialog.innerText();
        if (!/These 2 clusters will change:[\s\S]*Sandbox \/ sandbox-001[\s\S]*Sandbox \/ sandbox-002/.test(text))
          throw new Error(`the modal does not list the two clusters: ${text}`);
        if (!/Refused, nothing sent to them: Production \/ analytics-nvme/.test(text))
          throw new Error(`the modal does not name the refused NVMe cluster: ${text}`);
        if ((await sim.requests()).slice(before).some((r) => r.method === 'PATCH'))
          throw new Error('something was sent before the confirmation');
        await lib.screenshot(page, '54-apply-confirm.png');
        await dialog.getByRole('button', { name: 'Push to 2 clusters', exact: true }).click();
        await ui.notifications(page).filter({ hasText: '2 of 2 clusters pushed.' }).first().waitFor({ timeout: 30000 });
        const patches = (await sim.requests())
          .slice(before)
          .filter((r) => r.method === 'PATCH')
          .map((r) => `${r.path.split('/')[7]} ${r.status}`);
        if (patches.join() !== 'sandbox-001 200,sandbox-002 200')
          throw new Error(`the simulator received ${patches.join()}`);
        await page.locator('.editor-container .view-lines', { hasText: 'Results' }).first().waitFor();
        await lib.screenshot(page, '55-apply-results.png');
        await ui.clearNotifications(page);
        // The review is a read-only document, never dirty: closing its tab asks nothing (no "Save?").
        const review = page.locator('.tabs-container .tab.active', { hasText: "Apply orders-rs's schedule" });
        if (/\bdirty\b/.test((await review.getAttribute('class')) ?? '')) throw new Error('the review tab is dirty');
        await review.click();
        await ui.runCommand(page, 'View: Close Editor');
        await review.waitFor({ state: 'detached' });
        if (await ui.modalDialog(page).count()) throw new Error('closing the review asked something');
        await ui.runCommand(page, 'View: Close All Editors');
      },
    },
  ];
};
