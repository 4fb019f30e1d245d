// UI journey of the Backup Compliance Policy set-up: from Staging's row (a project without a policy) the form opens,
// says what is required beside the fields, shows the dry run of each cluster and asks for the choice about schedules
// (none preselected); nothing is sent until the project's name is typed; then one PUT with the chosen
// overwriteBackupPolicies, the state watched, and the policy row showing the new policy.
// A policy changes what Atlas allows in its project for good, so the journey ends by resetting the simulator through
// its control plane (POST /__sim/reset) and refreshing the tree: later journeys see the seed as it was.
'use strict';
const lib = require('../lib');
const { ui } = lib;
const { row, sidebar } = require('./helpers');

module.exports = function journeys(ctx) {
  const { page, sim } = ctx;
  const policyWrites = async (since) =>
    (await sim.requests()).slice(since).filter((r) => r.method !== 'GET' && r.path.endsWith('/backupCompliancePolicy'));
  return [
    {
      name: 'compliance: set up a policy on Staging through its dry run, the explicit schedule choice and the typed name',
      async run() {
        const form = ui.activeWebview(page);
        try {
          if (await row(page, 'Production').count()) await ui.collapse(row(page, 'Production'));
          const staging = row(page, 'Staging');
          await ui.expand(staging);
          await staging.click({ button: 'right' });
          await ui.clickContextMenuItem(page, 'Set Up Compliance Policy…');
          await form
            .locator('h1', { hasText: 'Set up the Backup Compliance Policy of Staging' })
            .waitFor({ timeout: 30000 });
          await form.locator('[data-problems="authorizedEmail"] li', { hasText: 'Email is required' }).waitFor();

          await form.locator('[data-key="authorizedEmail"]').fill('compliance-officer@example.com');
          await form.locator('[data-key="authorizedUserFirstName"]').fill('Dana');
          await form.locator('[data-key="authorizedUserLastName"]').fill('Reyes');
          await form.locator('[data-key="items.daily.enabled"]').check();
          await form.locator('[data-key="items.daily.retentionValue"]').fill('30');
          const legacy = form.locator('[data-testid="clusters"] [data-cluster="legacy-app"]');
          await legacy.waitFor({ timeout: 20000 });
          const apply = form.locator('[data-testid="apply"]');
          if (!(await apply.isDisabled())) throw new Error('apply is enabled before the schedule choice is made');
          const note = await form.locator('[data-testid="apply-note"]').innerText();
          if (!/Choose what happens to schedules/.test(note))
            throw new Error(`the note does not ask to choose: ${note}`);
          await form.locator('[data-testid="choose-overwrite"]').check();
          await lib.until(async () => !(await apply.isDisabled()), {
            message: 'apply enabled once overwrite is chosen',
          });
          const dry = await form.locator('[data-testid="dry-run"]').innerText();
          if (!/cannot be disabled without MongoDB Support/.test(dry))
            throw new Error(`no warning in the dry run: ${dry}`);
          await lib.screenshot(page, '80-compliance-form.png');

          const before = (await sim.requests()).length;
          await apply.click();
          const input = page.locator('.quick-input-widget input.input');
          await input.waitFor();
          const message = await page.locator('.quick-input-widget').innerText();
          if (!/cannot be disabled without MongoDB Support/.test(message))
            throw new Error(`the confirmation does not warn: ${message}`);
          await input.fill('staging');
          await page
            .locator('.quick-input-widget .quick-input-message', {
              hasText: "Type the project's name exactly: Staging",
            })
            .waitFor();
          await input.fill('Staging');
          if ((await policyWrites(before)).length) throw new Error('something was sent before the typed name');
          await page.keyboard.press('Enter');

          // The simulator takes a minute to reach ACTIVE: the watch is seen running, then cancelled from its toast.
          const watching = ui.notifications(page).filter({ hasText: 'Backup Compliance Policy of Staging' }).first();
          await watching.waitFor({ timeout: 20000 });
          const sent = await policyWrites(before);
          if (sent.map((r) => `${r.method} ${r.status} ${r.query.overwriteBackupPolicies}`).join() !== 'PUT 200 true')
            throw new Error(`the simulator received ${JSON.stringify(sent)}`);
          await form.locator('[data-testid="progress"]', { hasText: /enabling/ }).waitFor({ timeout: 20000 });
          await lib.screenshot(page, '81-compliance-watching.png');
          await watching.getByRole('button', { name: 'Cancel' }).click();
          await ui
            .notifications(page)
            .filter({ hasText: 'was set on Staging and was still enabling' })
            .first()
            .waitFor({ timeout: 20000 });
          await sidebar(page)
            .getByRole('treeitem', { name: /^Backup Compliance Policy\s+enabling/ })
            .first()
            .waitFor({ timeout: 20000 });
        } finally {
          await ui.clearNotifications(page);
          await ui.runCommand(page, 'View: Close All Editors');
          await sim.reset();
          await ui.runCommand(page, 'Atlas Backup: Refresh');
          if (await row(page, 'Staging').count()) await ui.collapse(row(page, 'Staging'));
        }
      },
    },
  ];
};
