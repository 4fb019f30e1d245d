// UI journey of the schedule editor's copy settings: global-users (two zones) copies by the deprecated frequencies;
// in the form each copy setting is switched to copy policy items, the rules follow as it changes, an on-demand item
// is added and a copy's retention typed; then the edits are reverted and the draft discarded (leave it as found).
'use strict';
const lib = require('../lib');
const { ui } = lib;
const helpers = require('./helpers');
const { row, openScheduleRow, revertAndDiscardDraft } = helpers;

module.exports = function journeys(ctx) {
  const { page } = ctx;
  const form = () => ui.activeWebview(page);
  const copySection = () => form().locator('section[data-section="Copy to other regions"]');
  const copy = (i) => copySection().locator(`fieldset[data-row="copySettings[${i}]"]`);
  const mode = (i) => form().locator(`select[data-key="copySettings[${i}].mode"]`);
  const copiedRows = (i) => copy(i).locator('table.copy-items tbody tr:not(.row-problems)');
  const checked = async (sel) => (await sel.locator('option:checked').textContent()) || '';
  return [
    {
      name: 'editor: copy settings switch from deprecated frequencies to copy policy items in the form; items added and kept',
      async run() {
        await ui.expand(row(page, 'Production'));
        const users = row(page, 'global-users');
        await users.waitFor();
        await ui.expand(users);
        await openScheduleRow(page, row(page, /^Backup schedule/));
        await form().locator('h1', { hasText: "global-users's backup schedule" }).waitFor({ timeout: 30000 });
        // As seeded: both copies by frequency, which the rules call deprecated.
        await copy(1).waitFor();
        if (!/deprecated/.test(await checked(mode(0))) || !/deprecated/.test(await checked(mode(1))))
          throw new Error(`the copies do not show their deprecated frequencies: ${await checked(mode(0))}`);
        await copy(0).locator('li.problem[data-rule="copy-frequencies-deprecated"]').waitFor();

        // Copy 1 to policy items: its frequencies (HOURLY, DAILY) become items kept as long as the originals.
        await mode(0).selectOption({ label: 'snapshots of these policy items' });
        await lib.until(async () => (await copiedRows(0).count()) === 2, { message: 'copy 1 lists two copied items' });
        const kinds = await copiedRows(0)
          .locator('select[data-key$=".frequencyType"] option:checked')
          .allTextContents();
        if (kinds.join() !== 'hourly,daily') throw new Error(`copy 1 copies ${kinds}`);
        // copyPolicyItemsEnabled is on now, so copy 2's frequencies are an error, with the conversion offered.
        const stale = copy(1).locator('li.problem[data-rule="copy-policy-items"]');
        await stale.waitFor();
        await stale.locator('button.fix').first().waitFor();

        // Copy 2 as well: the error leaves.
        await mode(1).selectOption({ label: 'snapshots of these policy items' });
        await lib.until(async () => (await copiedRows(1).count()) === 2, { message: 'copy 2 lists two copied items' });
        await lib.until(async () => (await copySection().locator('li.problem[data-rule^="copy-"]').count()) === 0, {
          message: 'the copy problems clear',
        });

        // Add an on-demand item to copy 1 (no retention of its own), and keep its hourly copies 5 days.
        await copy(0)
          .locator('select[aria-label="Copy 1: frequency of the new copied item"]')
          .selectOption({ label: 'on-demand' });
        await copy(0).getByRole('button', { name: 'Add the copied item to copy 1' }).click();
        await lib.until(async () => (await copiedRows(0).count()) === 3, { message: 'the on-demand item is added' });
        await copiedRows(0).nth(2).getByText('no retention of its own').waitFor();
        const keep = form().locator('input[data-key="copySettings[0].copyPolicyItems[0].retentionValue"]');
        await keep.fill('5');
        await keep.press('Enter');
        await lib.until(async () => (await keep.getAttribute('value')) === '5', {
          message: 'the document keeps the hourly copies 5 days',
        });
        const counts = await form().locator('[data-counts]').getAttribute('data-counts');
        if (!counts.startsWith('0/')) throw new Error(`errors after the copy edits: ${counts}`);
        await copySection().scrollIntoViewIfNeeded();
        await lib.screenshot(page, '34-editor-copies.png');

        // Another editor over it and back: the form is where it was (same scroll, same values), not loaded again.
        const scrolled = await form()
          .locator('body')
          .evaluate(() => window.scrollY);
        if (scrolled <= 0) throw new Error('the copy section did not scroll the form');
        await ui.runCommand(page, 'File: New Untitled Text File');
        await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).waitFor();
        await page.locator('.tabs-container .tab', { hasText: 'global-users.schedule.json' }).click();
        await lib.until(
          async () =>
            (await form()
              .locator('body')
              .evaluate(() => window.scrollY)) === scrolled,
          { message: 'the form keeps its scroll position behind another tab' },
        );
        if ((await keep.inputValue()) !== '5')
          throw new Error(`the form lost the copy retention: ${await keep.inputValue()}`);

        // Leave it as found: revert the edits, close, discard the draft that opening made.
        await revertAndDiscardDraft(page, () => row(page, 'global-users'), 'global-users');
        await ui.collapse(row(page, 'global-users'));
        await ui.collapse(row(page, 'Production'));
      },
    },
  ];
};
