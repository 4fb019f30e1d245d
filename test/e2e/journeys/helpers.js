// Small page helpers shared by the UI journeys.
'use strict';
const lib = require('../lib');
const { ui } = lib;

const sidebar = (page) => page.locator('.part.sidebar');
const row = (page, label) => ui.treeItem(sidebar(page), label);
const label = (loc) => loc.getAttribute('aria-label');

async function expectNoRow(page, re) {
  const n = await sidebar(page).getByRole('treeitem', { name: re }).count();
  if (n)
    throw new Error(
      `unexpected row(s) matching ${re}: ${await sidebar(page).getByRole('treeitem', { name: re }).first().getAttribute('aria-label')}`,
    );
}

/**
 * Clicks a cluster's "Backup schedule" row once it has loaded (its description shows the items) and waits for the
 * editor. A click that lands while the tree re-renders the row (its cluster's snapshots arriving) hits a command
 * VS Code has just dropped ("Actual command not found" in the log) and does nothing, so click again until it opens.
 */
async function openScheduleRow(
  page,
  scheduleRow = sidebar(page)
    .getByRole('treeitem', { name: /^Backup schedule/ })
    .first(),
) {
  await lib.until(async () => /\d/.test((await label(scheduleRow)) || ''), {
    message: 'the schedule row shows its items',
  });
  for (let i = 0; i < 4; i++) {
    await scheduleRow.click();
    try {
      await ui.activeWebview(page).locator('h1').waitFor({ timeout: 5000 });
      return;
    } catch {
      /* the click was lost to a re-render */
    }
  }
  throw new Error('clicking the schedule row did not open the editor');
}

/**
 * Gives the focus back to the workbench: keys go where the focus is, and in a webview's iframe F1 would not reach
 * the palette (clicking the editor's tab would focus the webview again).
 */
const leaveWebview = (page) =>
  page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });

/** Reverts and closes the open editors, then Discard Draft on the cluster's row: the modal asks, the mark leaves. */
async function revertAndDiscardDraft(page, clusterRow, clusterName) {
  await leaveWebview(page);
  await ui.runCommand(page, 'File: Revert File');
  await leaveWebview(page); // reverting gives the focus back to the form
  await ui.runCommand(page, 'View: Close All Editors');
  await clusterRow().click({ button: 'right' });
  await ui.clickContextMenuItem(page, 'Discard Draft');
  const dialog = ui.modalDialog(page);
  await dialog.getByText(new RegExp(`Discard the draft of ${clusterName}`)).waitFor();
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await lib.until(async () => !/draft/.test((await label(clusterRow())) || ''), {
    message: `the draft mark leaves ${clusterName}`,
  });
}

/** Signs in by hand from the welcome view's Sign In button with an API key, as a new user does. */
async function signInWithApiKey(page, creds) {
  await sidebar(page).locator('.welcome-view-content').getByRole('button', { name: 'Sign In' }).click();
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input');
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'API Key' }).click();
  await widget.locator('.quick-input-title', { hasText: 'Public key' }).waitFor();
  await input.fill(creds.publicKey);
  await page.keyboard.press('Enter');
  await widget.locator('.quick-input-title', { hasText: 'Private key' }).waitFor();
  if ((await input.getAttribute('type')) !== 'password')
    throw new Error('the private key is not typed into a password box');
  await input.fill(creds.privateKey);
  await page.keyboard.press('Enter');
  await row(page, 'Production').waitFor();
}

module.exports = {
  sidebar,
  row,
  label,
  expectNoRow,
  openScheduleRow,
  leaveWebview,
  revertAndDiscardDraft,
  signInWithApiKey,
};
