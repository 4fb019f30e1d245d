// UI journeys of the fleet: the Backup Posture report over the seeded organisation, its filters, and a row that
// takes you to the cluster in the tree. Leaves the workbench as it found it (editors closed, tree collapsed).
'use strict';
const lib = require('../lib');
const { ui } = lib;
const { sidebar, row } = require('./helpers');

module.exports = function journeys(ctx) {
  const { page } = ctx;
  const report = () => ui.activeWebview(page);
  const rows = () => report().locator('tbody[data-testid="rows"] tr[data-cluster]');
  const count = async () => rows().count();
  return [
    {
      name: 'fleet: Backup Posture lists every cluster of the seeded organisation with a summary line',
      async run() {
        await ui.openViewContainer(page, 'Atlas Backup');
        await row(page, 'Production').waitFor();
        await ui.runCommand(page, 'Atlas Backup: Backup Posture');
        await report().locator('body[data-state="done"]').waitFor({ timeout: 60000 });
        const summary = await report().locator('[data-testid="summary"]').textContent();
        if (!/^127 clusters · 41 backup off · \d+ with errors · \d+ overdue · \d+ not compliant/.test(summary)) throw new Error(`summary: ${summary}`);
        if ((await count()) !== 127) throw new Error(`${await count()} rows shown`);
        const ledger = report().locator('tr[data-cluster="ledger-pit"]');
        if (!/continuous/.test(await ledger.textContent())) throw new Error('ledger-pit is not shown with continuous backup');
        await ui.clearNotifications(page);
        // The report's nine columns want the whole window.
        await ui.runCommand(page, 'View: Close Primary Side Bar');
        await lib.screenshot(page, '50-posture.png');
        await ui.runCommand(page, 'View: Toggle Primary Side Bar Visibility');
      },
    },
    {
      name: 'fleet: the Backup off filter and the text filter narrow the rows; sorting by findings',
      async run() {
        await report().locator('button[data-filter="off"]').click();
        await lib.until(async () => (await count()) === 41, { message: 'the Backup off filter shows the 41 clusters with backup off' });
        await report().locator('[data-testid="text-filter"]').fill('staging');
        await lib.until(async () => (await count()) === 1, { message: 'the text filter leaves staging-rs' });
        if ((await rows().first().getAttribute('data-cluster')) !== 'staging-rs') throw new Error('the one row is not staging-rs');
        await lib.screenshot(page, '51-posture-filtered.png');
        await report().locator('[data-testid="text-filter"]').fill('');
        await report().locator('button[data-filter="all"]').click();
        await lib.until(async () => (await count()) === 127, { message: 'all rows come back' });
        await report().locator('button[data-sort="backup"]').click();
        await lib.until(async () => (await report().locator('th[aria-sort="ascending"] button[data-sort="backup"]').count()) === 1, { message: 'sorted by backup' });
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
        await ui.collapse(row(page, 'Production'));
      },
    },
  ];
};
