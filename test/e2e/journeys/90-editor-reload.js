// The schedule editor's draft across a window reload. Apart from 30-editor.js and run last on purpose: a reload
// restarts the extension, and with it the accounts (the environment's service account comes back as a second root),
// which the journeys in between do not expect. Works with one account root or several.
'use strict';
const lib = require('../lib');
const { ui } = lib;
const helpers = require('./helpers');
const { label, sidebar, openScheduleRow, revertAndDiscardDraft } = helpers;

module.exports = function journeys(ctx) {
  const { page } = ctx;
  const form = () => ui.activeWebview(page);
  const leaveWebview = () => helpers.leaveWebview(page);
  const hourlyInterval = () => form().locator('select[data-key="policies[0].policyItems[0].frequencyInterval"]');
  // With several accounts each has its own Production: take the first (drafts are per Atlas host, so both carry the mark).
  const production = () =>
    sidebar(page)
      .getByRole('treeitem', { name: /^Production(\s|$)/ })
      .first();
  const ordersRs = () =>
    sidebar(page)
      .getByRole('treeitem', { name: /^orders-rs(\s|$)/ })
      .first();
  return [
    {
      name: 'editor: the saved draft survives a window reload; keyboard-only edits; Discard Draft asks and drops it',
      async run() {
        await leaveWebview();
        // Reload the window as the browser does it (what "Developer: Reload Window" does in code-server), and wait
        // for the new page: the old workbench would otherwise pass waitForWorkbench before it goes away.
        await page.reload({ waitUntil: 'load' });
        await ui.waitForWorkbench(page, 'Atlas Backup');
        await ui.openViewContainer(page, 'Atlas Backup');
        await ui.expand(production());
        await lib.until(async () => /draft/.test((await label(ordersRs())) || ''), {
          message: 'orders-rs is still marked "draft" after the reload',
        });
        await ui.expand(ordersRs());
        await openScheduleRow(page);
        // The edits of the journeys before (every 4 hours, kept 2 days) are in the draft.
        await lib.until(
          async () => (await hourlyInterval().locator('option:checked').textContent()) === 'every 4 hours',
          { message: 'the draft keeps "every 4 hours" across the reload' },
        );
        const keep = form().locator('input[data-key="policies[0].policyItems[0].retentionValue"]');
        if ((await keep.inputValue()) !== '2')
          throw new Error(`the draft lost its retention: ${await keep.inputValue()}`);
        // Keyboard only: focus the interval and step it with the arrow keys; Tab to the retention and type.
        await hourlyInterval().focus();
        await page.keyboard.press('ArrowDown');
        await lib.until(
          async () => (await hourlyInterval().locator('option:checked').textContent()) === 'every 6 hours',
          { message: 'ArrowDown picks the next interval' },
        );
        await hourlyInterval().focus();
        await page.keyboard.press('Tab'); // to the retention field, its text selected
        await page.keyboard.type('3');
        await page.keyboard.press('Enter');
        // The document took it: the picture (drawn from the document) says so.
        await lib.until(
          async () => /kept 3 days/.test((await form().locator('svg .lane-sub').first().textContent()) || ''),
          { message: 'typing into the focused retention field edits the document' },
        );
        await revertAndDiscardDraft(page, ordersRs, 'orders-rs');
        await ui.collapse(ordersRs());
        await ui.collapse(production());
      },
    },
  ];
};
