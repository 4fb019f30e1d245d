// UI journey: the schedule editor follows the sign-ins. A workspace schedule file is open in the form while the
// person signs out (the form says the cluster is unknown, and how to know it) and signs in again (the form knows the
// cluster again, with no reopening). An editor restored by a window reload is the same case: it opens before the
// accounts are back.
'use strict';
const lib = require('../lib');
const { ui } = lib;
const { sidebar, signInWithApiKey } = require('./helpers');

module.exports = function journeys(ctx) {
  const { page, sim } = ctx;
  const form = () => ui.activeWebview(page);
  const clusterLine = () => form().locator('p.cluster');
  return [
    {
      name: 'editor: signing out forgets the cluster in an open form; signing in again brings it back without reopening',
      async run() {
        await ui.quickOpen(page, 'orders-rs.schedule.json'); // in whichever editor it last had
        await page.locator('.tabs-container .tab.active', { hasText: 'orders-rs.schedule.json' }).waitFor();
        await ui.runCommand(page, 'Atlas Backup: Open in Schedule Editor');
        await clusterLine().filter({ hasText: 'not NVMe' }).waitFor({ timeout: 20000 });
        // Sign out of every account (with several, Sign Out asks which: the first each time).
        const welcome = sidebar(page).locator('.welcome-view-content').getByRole('button', { name: 'Sign In' });
        for (let i = 0; i < 4 && !(await welcome.isVisible()); i++) {
          await ui.runCommand(page, 'Atlas Backup: Sign Out');
          const pick = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
          if (await pick.isVisible()) await pick.click();
          await welcome.waitFor({ timeout: 5000 }).catch(() => {
            /* another account is still signed in */
          });
        }
        await clusterLine().filter({ hasText: 'Cluster details unknown (sign in' }).waitFor({ timeout: 20000 });
        await signInWithApiKey(page, sim.credentials.apiKey);
        await clusterLine().filter({ hasText: 'not NVMe' }).waitFor({ timeout: 20000 });
        await ui.clearNotifications(page);
        await ui.runCommand(page, 'View: Close All Editors');
      },
    },
  ];
};
