// UI journeys of accounts (#7): two accounts side by side (the simulator's API key, signed in by hand in the
// foundation journeys, and its service account), each a root of the tree; the status-bar item shows the active one
// and switches; sign-out of one account revokes its token and leaves the other. Leaves one account (the API key)
// signed in, its projects at the root and collapsed, no editor or panel open.
'use strict';
const lib = require('../lib');
const { ui } = lib;
const { sidebar, row, expectNoRow } = require('./helpers');

module.exports = function journeys(ctx) {
  const { page, sim } = ctx;
  const status = () => page.locator('.part.statusbar [aria-label^="Atlas Backup account:"]').first();
  const widget = () => page.locator('.quick-input-widget');
  const pickRow = (text) => widget().locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  /**
   * Picks a quick-pick item by typing into its filter and pressing Enter (a click can land before the list is
   * armed); types again if the filter was still being reset when the first keys arrived.
   */
  async function choose(text) {
    await pickRow(text).waitFor();
    const input = widget().locator('input.input');
    const focused = widget().locator('.quick-input-list .monaco-list-row.focused', { hasText: text });
    for (let attempt = 0; attempt < 5; attempt++) {
      await input.fill(text);
      try {
        await focused.waitFor({ timeout: 2000 });
        if ((await input.inputValue()) === text) {
          await page.keyboard.press('Enter');
          return;
        }
      } catch {
        /* the list re-rendered under us: type again */
      }
    }
    throw new Error(`could not pick "${text}"`);
  }

  return [
    {
      name: 'accounts: sign in to a second account; both are roots of the tree and the status bar shows the active one',
      async run() {
        const sa = sim.credentials.serviceAccount;
        const key = sim.credentials.apiKey;
        // Start from a plain workbench even if an earlier journey left an editor (or a webview holding focus) open.
        const tab = page.locator('.tabs-container .tab').first();
        if (await tab.count()) {
          await tab.click();
          await ui.runCommand(page, 'View: Close All Editors');
        }
        await ui.openViewContainer(page, 'Atlas Backup');
        await status().waitFor();
        if (!(await status().getAttribute('aria-label')).includes(key.publicKey))
          throw new Error(`status bar does not show the API key account: ${await status().getAttribute('aria-label')}`);
        await ui.runCommand(page, 'Atlas Backup: Sign In');
        await choose('Service Account');
        const input = widget().locator('input.input');
        await widget().locator('.quick-input-title', { hasText: 'Client ID' }).waitFor();
        await input.fill(sa.clientId);
        await page.keyboard.press('Enter');
        await widget().locator('.quick-input-title', { hasText: 'Client secret' }).waitFor();
        await input.fill(sa.clientSecret);
        await page.keyboard.press('Enter');
        const saRow = row(page, new RegExp(`^${sa.clientId} @ 127\\.0\\.0\\.1:\\d+ service account`));
        const keyRow = row(page, new RegExp(`^${key.publicKey} @ 127\\.0\\.0\\.1:\\d+ API key`));
        await saRow.waitFor();
        await keyRow.waitFor();
        // Account roots are expanded: each shows its own projects.
        await lib.until(
          async () =>
            (await sidebar(page)
              .getByRole('treeitem', { name: /^Production\b/ })
              .count()) === 2,
          { message: 'Production under both accounts' },
        );
        await lib.until(async () => (await status().getAttribute('aria-label')).includes(sa.clientId), {
          message: 'the new account to be active in the status bar',
        });
        const text = await status().innerText();
        if (!/ \+1$/.test(text.trim())) throw new Error(`status bar does not count the other account: ${text}`);
        if (text.length > 40) throw new Error(`status bar text is long: ${text}`);
        await ui.clearNotifications(page);
        await lib.screenshot(page, '60-two-accounts.png');
      },
    },
    {
      name: 'accounts: the status-bar item switches the active account',
      async run() {
        const key = sim.credentials.apiKey;
        await status().click();
        await widget().locator('.quick-input-title', { hasText: 'active account' }).waitFor();
        await lib.screenshot(page, '61-account-switcher.png');
        await choose(key.publicKey);
        await lib.until(async () => (await status().getAttribute('aria-label')).includes(key.publicKey), {
          message: 'the API key account to be active',
        });
        await row(page, new RegExp(`^${key.publicKey} @ 127\\.0\\.0\\.1:\\d+ .*active`)).waitFor();
        await lib.screenshot(page, '62-switched.png');
      },
    },
    {
      name: 'accounts: signing out of the service account revokes its token and leaves the API key signed in',
      async run() {
        const sa = sim.credentials.serviceAccount;
        const before = (await sim.requests()).length;
        await ui.runCommand(page, 'Atlas Backup: Sign Out');
        await widget().locator('.quick-input-title', { hasText: 'Sign out of which account?' }).waitFor();
        await choose(sa.clientId);
        await page
          .locator('.notifications-toasts')
          .getByText(/Signed out of .*secret storage/)
          .first()
          .waitFor();
        const revoked = (await sim.requests()).slice(before).filter((r) => r.path === '/api/oauth/revoke');
        if (revoked.length !== 1 || revoked[0].status !== 200)
          throw new Error(`expected one accepted POST /api/oauth/revoke, saw ${JSON.stringify(revoked)}`);
        // One account again: its projects at the root, no account rows.
        // The notification can come before the tree has dropped the second account's rows.
        await lib.until(
          async () =>
            (await sidebar(page)
              .getByRole('treeitem', { name: /^Production(\s|$)/ })
              .count()) === 1,
          { message: 'one Production row once one account is left' },
        );
        await expectNoRow(page, new RegExp(`^${sa.clientId}`));
        const text = await status().innerText();
        if (/\+1/.test(text)) throw new Error(`status bar still counts a second account: ${text}`);
        await lib.screenshot(page, '63-signed-out-one.png');
        await ui.clearNotifications(page);
      },
    },
  ];
};
