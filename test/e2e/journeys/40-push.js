// UI journeys of push and delete: a schedule edited in the form is pushed from the editor's title bar, the review (the
// full diff) open beside before the question: a risky change (a retention cut) is asked with Cancel as the default
// and the reason, and Enter sends nothing; a safe one through the modal naming cluster and project; the review's tab
// is gone afterwards. A cluster's schedules are deleted from the tree with the typed cluster name. Each checks on the
// simulator what it received.
'use strict';
const lib = require('../lib');
const { ui } = lib;
const { row } = require('./helpers');

/** The schedule as the simulator has it, through its own API (the harness holds no copy of the seed). */
async function scheduleInSim(sim, groupId, clusterName) {
  const sa = sim.credentials.serviceAccount;
  const tok = await fetch(`${sim.url}/api/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${sa.clientId}:${sa.clientSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  });
  const { access_token: token } = await tok.json();
  const r = await fetch(`${sim.url}/api/atlas/v2/groups/${groupId}/clusters/${clusterName}/backup/schedule`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.atlas.2024-08-05+json' },
  });
  if (!r.ok) throw new Error(`simulator GET schedule -> ${r.status}`);
  return r.json();
}

module.exports = function journeys(ctx) {
  const { page, sim } = ctx;
  const dialog = () => ui.modalDialog(page);
  const schedulePath = () => `/api/atlas/v2/groups/${ctx.ids.Staging}/clusters/legacy-app/backup/schedule`;
  const writes = async (since) =>
    (await sim.requests()).slice(since).filter((r) => r.path === schedulePath() && r.method !== 'GET');
  return [
    {
      name: 'push: from the title bar, the review beside first; a retention cut asks with Cancel as the default; a safe change through a modal naming cluster and project',
      async run() {
        await ui.expand(row(page, 'Staging'));
        const legacy = row(page, 'legacy-app');
        await legacy.waitFor();
        const form = ui.activeWebview(page);
        const heading = form.locator('h1', { hasText: "legacy-app's backup schedule" });
        // A click can land while the tree re-renders the row (a refresh, a mark): click again until the form opens.
        for (let attempt = 1; ; attempt++) {
          await legacy.hover();
          await legacy.locator('.actions .action-label[aria-label^="Edit Backup Schedule"]').click();
          try {
            await heading.waitFor({ timeout: 10000 });
            break;
          } catch (e) {
            if (attempt === 3) throw e;
            // A click on a row being re-rendered reaches the command without its row, which then asks for the
            // cluster: close that pick before clicking again.
            if (await page.locator('.quick-input-widget').isVisible()) await page.keyboard.press('Escape');
          }
        }
        const interval = form.locator('select[data-key="policies[0].policyItems[0].frequencyInterval"]');
        const from = await interval.inputValue();
        if (from === '4') throw new Error("legacy-app's hourly item is already every 4 hours");
        await interval.selectOption({ label: 'every 4 hours' });
        // The weekly item's Keep cut to 1 (a risky change), found by its frequency, not by its place.
        let weekly;
        for (let i = 0; i < 5 && !weekly; i++) {
          const type = form.locator(`select[data-key="policies[0].policyItems[${i}].frequencyType"]`);
          if ((await type.count()) && (await type.locator('option:checked').innerText()) === 'weekly')
            weekly = form.locator(`input[data-key="policies[0].policyItems[${i}].retentionValue"]`);
        }
        if (!weekly) throw new Error('legacy-app has no weekly item');
        const kept = await weekly.inputValue();
        if (Number(kept) <= 1) throw new Error(`legacy-app keeps weekly snapshots ${kept}`);
        const setKeep = async (value) => {
          await weekly.fill(value);
          await weekly.press('Enter');
          await lib.until(async () => (await weekly.getAttribute('value')) === value, { message: 'the edit is back' });
        };
        await setKeep('1');
        await page.locator('.tabs-container .tab.active').click(); // back in the workbench, out of the webview
        await ui.runCommand(page, 'File: Save');
        const before = (await sim.requests()).length;
        const review = () => page.locator('.tabs-container .tab', { hasText: 'to push (review)' });
        const pushButton = () => page.locator('.editor-actions .action-label[aria-label^="Push Schedule to Atlas"]');

        // Risky: a pick, not a modal (whose first button is always the default); Cancel is the active item.
        await pushButton().first().click();
        const pick = page.locator('.quick-input-widget');
        await pick.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 20000 });
        const title = await pick.locator('.quick-input-title').innerText();
        if (!/This push is risky: It shortens how long snapshots are kept \(Weekly snapshot/.test(title))
          throw new Error(`the pick does not say why the push is risky: ${title}`);
        const active = await pick.locator('.quick-input-list .monaco-list-row.focused').getAttribute('aria-label');
        if (!/^Cancel/.test(active || '')) throw new Error(`the default is not Cancel but ${active}`);
        await review().waitFor({ timeout: 10000 }); // the diff is open beside before the decision
        await page.locator('.monaco-diff-editor').first().waitFor();
        if (await dialog().count()) throw new Error('a modal covers the review');
        await lib.screenshot(page, '40-push-risky.png');
        await page.keyboard.press('Enter');
        await review().waitFor({ state: 'hidden', timeout: 10000 }); // the review's tab is closed, not left stale
        if ((await writes(before)).length) throw new Error('Enter on the risky push sent something');

        // Safe: the weekly Keep back; the modal names cluster and project, the review beside it.
        await setKeep(kept);
        await page.locator('.tabs-container .tab.active').click();
        await ui.runCommand(page, 'File: Save');
        await pushButton().first().click();
        await dialog().waitFor({ timeout: 20000 });
        const text = await dialog().innerText();
        if (!text.includes('Push 1 change to legacy-app in project Staging?'))
          throw new Error(`the modal does not name cluster and project: ${text}`);
        if (!/Hourly snapshot moves from every \d+ hours to every 4 hours/.test(text))
          throw new Error(`the modal does not list the change: ${text}`);
        if (!(await review().count())) throw new Error('the review is not open beside the modal');
        if ((await writes(before)).length) throw new Error('something was sent before the confirmation');
        await lib.screenshot(page, '40-push-modal.png');
        await dialog().getByRole('button', { name: 'Push', exact: true }).click();

        await ui
          .notifications(page)
          .filter({ hasText: 'Pushed 1 change to legacy-app in Staging' })
          .first()
          .waitFor({ timeout: 20000 });
        const sent = await writes(before);
        if (sent.map((r) => `${r.method} ${r.status}`).join() !== 'PATCH 200')
          throw new Error(`the simulator received ${JSON.stringify(sent)}`);
        const now = await scheduleInSim(sim, ctx.ids.Staging, 'legacy-app');
        const hourly = now.policies[0].policyItems.find((i) => i.frequencyType === 'hourly');
        if (hourly.frequencyInterval !== 4)
          throw new Error(`the simulator has hourly every ${hourly.frequencyInterval} hours`);
        await review().waitFor({ state: 'hidden', timeout: 10000 });
        await lib.screenshot(page, '41-pushed.png');
        await ui.clearNotifications(page);
        await ui.runCommand(page, 'View: Close All Editors');
      },
    },
    {
      name: 'push: Delete All Backup Schedules from the tree explains, asks for the typed name, and the simulator removed every item',
      async run() {
        await ui.expand(row(page, 'Staging'));
        const legacy = row(page, 'legacy-app');
        await legacy.waitFor();
        const before = (await sim.requests()).length;
        await legacy.click({ button: 'right' });
        await ui.clickContextMenuItem(page, 'Delete All Backup Schedules…');
        await dialog().waitFor({ timeout: 20000 });
        const text = await dialog().innerText();
        if (!text.includes('Delete all backup schedules of legacy-app in project Staging?'))
          throw new Error(`the modal does not name cluster and project: ${text}`);
        if (!/Existing snapshots are not deleted/.test(text))
          throw new Error(`the modal does not say what happens to snapshots: ${text}`);
        await lib.screenshot(page, '42-delete-explained.png');
        await dialog().getByRole('button', { name: 'Continue', exact: true }).click();

        const input = page.locator('.quick-input-widget input.input');
        await input.waitFor();
        await input.fill('legacy-ap');
        await page
          .locator('.quick-input-widget .quick-input-message', { hasText: 'Type legacy-app exactly' })
          .waitFor();
        await input.fill('legacy-app');
        await lib.until(
          async () =>
            (await page
              .locator('.quick-input-widget .quick-input-message', { hasText: 'Type legacy-app exactly' })
              .count()) === 0,
          { message: 'the typed name is accepted' },
        );
        await lib.screenshot(page, '43-delete-typed-name.png');
        if ((await writes(before)).length) throw new Error('something was sent before the typed name');
        await page.keyboard.press('Enter');

        await ui
          .notifications(page)
          .filter({ hasText: 'legacy-app takes no scheduled snapshots now' })
          .first()
          .waitFor({ timeout: 20000 });
        const sent = await writes(before);
        if (sent.map((r) => `${r.method} ${r.status}`).join() !== 'DELETE 200')
          throw new Error(`the simulator received ${JSON.stringify(sent)}`);
        const now = await scheduleInSim(sim, ctx.ids.Staging, 'legacy-app');
        if (now.policies[0].policyItems.length !== 0)
          throw new Error(`the simulator still has ${now.policies[0].policyItems.length} items`);
        await ui.clearNotifications(page);
        await ui.collapse(row(page, 'Staging'));
      },
    },
  ];
};
