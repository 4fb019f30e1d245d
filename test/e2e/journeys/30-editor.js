// UI journeys of the schedule editor: open a cluster's schedule from the tree, edit it in the form, see the rules'
// problems in the form and in the Problems panel as it changes, fix them, see the picture; light and dark themes.
'use strict';
const lib = require('../lib');
const { ui } = lib;
const helpers = require('./helpers');
const { row, label, sidebar, openScheduleRow } = helpers;

module.exports = function journeys(ctx) {
  const { page } = ctx;
  const form = () => ui.activeWebview(page);
  const leaveWebview = () => helpers.leaveWebview(page);
  const markers = () => page.locator('.markers-panel');
  const hourlyInterval = () => form().locator('select[data-key="policies[0].policyItems[0].frequencyInterval"]');
  const itemsSection = () => form().locator('section[data-section="Policy items"]');
  // The theme picker is a second quick pick opened from the palette, so ui.runCommand (which waits for the palette
  // to close) cannot drive it.
  // A webview taking the focus back closes the palette under us (see ui.runCommand): then open it again.
  const setTheme = async (name) => {
    const input = page.locator('.quick-input-widget input.input');
    for (let a = 0; ; a++) {
      try {
        await leaveWebview();
        await page.keyboard.press('F1');
        await input.fill('>Preferences: Color Theme', { timeout: 3000 });
        await page
          .locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]')
          .first()
          .click({ timeout: 3000 });
        await page
          .locator('.quick-input-widget input.input[placeholder^="Select Color Theme"]')
          .waitFor({ timeout: 3000 });
        await input.fill(name, { timeout: 3000 });
        await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 3000 });
        break;
      } catch (e) {
        if (a === 3) throw e;
        if (await input.isVisible()) await page.keyboard.press('Escape');
      }
    }
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  };
  return [
    {
      name: "editor: a cluster's schedule opens in the form from the tree, and the picture is drawn",
      async run() {
        await ui.expand(row(page, 'Production'));
        const orders = row(page, 'orders-rs');
        await orders.waitFor();
        await ui.expand(orders);
        // The cluster's schedule row opens the editor on the cluster's draft (made from Atlas's schedule).
        await openScheduleRow(page, row(page, /^Backup schedule/));
        await form().locator('h1', { hasText: "orders-rs's backup schedule" }).waitFor({ timeout: 30000 });
        await form().locator('[data-ref-times]').waitFor();
        // The cluster's context (not NVMe, compliance policy) arrives from Atlas and is shown beside the fields.
        await form().locator('section[data-section="Backup Compliance Policy"]').waitFor({ timeout: 20000 });
        const lanes = Number(await form().locator('svg.picture').getAttribute('data-lanes'));
        if (lanes < 3) throw new Error(`the picture has ${lanes} lanes`);
        const total = await form().locator('[data-total]').textContent();
        if (!/Estimated snapshots kept: \d+/.test(total)) throw new Error(`no total in the picture: ${total}`);
        if ((await form().locator('table.next tbody tr').count()) !== 5)
          throw new Error('the next five snapshots are not listed');
        // The tree marks the cluster: it has a draft now.
        await lib.until(async () => /draft/.test(await label(row(page, 'orders-rs'))), {
          message: 'orders-rs is marked "draft" in the tree',
        });
        await ui.collapse(row(page, 'orders-rs'));
        await ui.collapse(row(page, 'Production'));
        // The form and the picture side by side: give the editor the whole window.
        await ui.runCommand(page, 'View: Close Primary Side Bar');
        await form().locator('svg.picture').scrollIntoViewIfNeeded();
        await lib.screenshot(page, '30-editor-light.png');
      },
    },
    {
      name: 'editor: an interval changed in the form shows its problem in the form and the Problems panel, and clears when fixed',
      async run() {
        // Production's compliance policy requires an hourly item every 6 hours: 12 is too sparse.
        await hourlyInterval().selectOption({ label: 'every 12 hours' });
        await itemsSection().locator('li.problem[data-rule="compliance-item"]').waitFor();
        await leaveWebview();
        await page.keyboard.press('Control+Shift+M');
        await markers()
          .getByText(/requires an hourly item every 6 hours/)
          .first()
          .waitFor({ timeout: 20000 });
        await lib.screenshot(page, '31-editor-problem.png');
        // Keyboard only: focus the interval, pick "every 4 hours" with the arrow keys.
        await hourlyInterval().focus();
        await hourlyInterval().selectOption({ label: 'every 4 hours' });
        await lib.until(
          async () => (await itemsSection().locator('li.problem[data-rule="compliance-item"]').count()) === 0,
          { message: 'the compliance problem leaves the form' },
        );
        await lib.until(
          async () =>
            (await markers()
              .getByText(/requires an hourly item every 6 hours/)
              .count()) === 0,
          { message: 'the compliance problem leaves the Problems panel' },
        );
        const counts = await form().locator('[data-counts]').getAttribute('data-counts');
        if (!counts.startsWith('0/')) throw new Error(`errors remain: ${counts}`);
      },
    },
    {
      name: 'editor: a quick fix offered in the form raises a retention to the compliance minimum',
      async run() {
        // The hourly item is the most frequent, so only the compliance minimum (2 days) binds it.
        const keep = form().locator('input[data-key="policies[0].policyItems[0].retentionValue"]');
        await keep.fill('1');
        await keep.press('Enter');
        const fix = itemsSection().locator('li.problem[data-rule="compliance-item"] button.fix');
        await fix.first().waitFor();
        await markers()
          .getByText(/requires an hourly item every 6 hours kept at least 2 days/)
          .first()
          .waitFor({ timeout: 20000 });
        await fix.first().click();
        await lib.until(async () => (await keep.inputValue()) === '2', {
          message: 'the retention is raised to 2 days',
        });
        await lib.until(async () => (await itemsSection().locator('li.problem').count()) === 0, {
          message: 'the problem clears',
        });
        await leaveWebview();
        await ui.runCommand(page, 'View: Hide Panel');
        await ui.runCommand(page, 'View: Close Primary Side Bar');
        await setTheme('Dark Modern');
        await lib.until(async () => /vscode-dark/.test((await form().locator('body').getAttribute('class')) || ''), {
          message: 'the webview takes the dark theme',
        });
        await lib.screenshot(page, '32-editor-dark.png');
        await setTheme('Dark High Contrast');
        await lib.until(
          async () => /vscode-high-contrast/.test((await form().locator('body').getAttribute('class')) || ''),
          { message: 'the webview takes the high-contrast theme' },
        );
        await lib.screenshot(page, '33-editor-high-contrast.png');
        await setTheme('Light Modern');
        await leaveWebview();
        await ui.runCommand(page, 'File: Save');
        await ui.runCommand(page, 'View: Close All Editors');
        await ui.runCommand(page, 'View: Toggle Primary Side Bar Visibility');
        // Leave the tree as found: the sidebar shown, Production and orders-rs collapsed (the tree may re-expand rows
        // it remembers when the sidebar comes back).
        await ui.openViewContainer(page, 'Atlas Backup');
        for (const name of ['orders-rs', 'Production']) {
          const r = sidebar(page).getByRole('treeitem', { name: new RegExp(`^${name}(\\s|$)`) });
          if ((await r.count()) === 1) await ui.collapse(r);
        }
      },
    },
  ];
};
