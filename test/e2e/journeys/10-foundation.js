// UI journeys of the foundation: the projects tree, error and empty rows, 429s, the Problems panel, the
// palette, sign-out and sign-in by hand. Each journey leaves the workbench as the next one expects it.
'use strict';
const lib = require('../lib');
const { ui } = lib;
const { sidebar, row, label, expectNoRow, signInWithApiKey } = require('./helpers');

module.exports = function journeys(ctx) {
  const { page, sim } = ctx;
  return [
    {
      name: "projects tree lists the seeded projects and Production's clusters",
      async run() {
        await ui.openViewContainer(page, 'Atlas Backup');
        for (const p of ['Production', 'Staging', 'Sandbox', 'Empty']) await row(page, p).waitFor();
        const prod = row(page, 'Production');
        if (!/\d+ clusters?/.test(await label(prod)))
          throw new Error(`Production row has no cluster count: ${await label(prod)}`);
        await ui.expand(prod);
        const orders = row(page, 'orders-rs');
        await orders.waitFor();
        await row(page, 'analytics-nvme').waitFor();
        await row(page, 'ledger-pit').waitFor();
        const desc = await label(orders);
        if (!/M30/.test(desc) || !/AWS/.test(desc) || !/backup on/.test(desc))
          throw new Error(`orders-rs description is not like "M30 · AWS · backup on": ${desc}`);
        await lib.screenshot(page, '01-tree.png');
      },
    },
    {
      name: 'an Atlas 500 on Staging shows an error row with the reason, and Retry recovers',
      async run() {
        await ui.collapse(row(page, 'Production'));
        const detail = 'Simulated outage injected by the UI test.';
        const prefix = `/api/atlas/v2/groups/${ctx.ids.Staging}/clusters`;
        const before = (await sim.requests()).length;
        await sim.faults.add({
          pathPrefix: prefix,
          method: 'GET',
          count: 1,
          status: 500,
          errorCode: 'UNEXPECTED_ERROR',
          detail,
        });
        await ui.expand(row(page, 'Staging'));
        const err = row(page, /^Couldn't load/);
        await err.waitFor();
        const text = await label(err);
        if (!text.includes(detail) && !text.includes('UNEXPECTED_ERROR'))
          throw new Error(`error row does not carry Atlas's reason: ${text}`);
        const served = (await sim.requests())
          .slice(before)
          .filter((r) => r.path === prefix)
          .map((r) => r.status);
        if (served.join() !== '500')
          throw new Error(`expected exactly one 500 on ${prefix} (a 500 is not retried), saw ${served.join(', ')}`);
        await lib.screenshot(page, '02-error-row.png');
        await sim.faults.clear();
        // The row's inline Retry action (shown on hover); a click on the row itself runs the same command,
        // which the integration tier covers.
        await err.hover();
        await err.locator('.actions .action-label[aria-label^="Retry"]').click();
        await row(page, 'staging-rs').waitFor();
        await row(page, 'legacy-app').waitFor();
        await expectNoRow(page, /^Couldn't load/);
        await lib.screenshot(page, '03-after-retry.png');
        await ui.collapse(row(page, 'Staging'));
      },
    },
    {
      name: "a 429 storm on Sandbox's clusters is ridden out by GET retries (no error row)",
      async run() {
        const prefix = `/api/atlas/v2/groups/${ctx.ids.Sandbox}/clusters`;
        const before = (await sim.requests()).length;
        await sim.faults.add({
          pathPrefix: prefix,
          method: 'GET',
          count: 2,
          status: 429,
          errorCode: 'RATE_LIMITED',
          retryAfterSeconds: 1,
        });
        await ui.expand(row(page, 'Sandbox'));
        await row(page, 'sandbox-001').waitFor({ timeout: 30000 });
        await expectNoRow(page, /^Couldn't load/);
        const mine = (await sim.requests()).slice(before).filter((r) => r.path === prefix);
        const statuses = mine.map((r) => r.status);
        if (statuses.filter((s) => s === 429).length !== 2 || !statuses.includes(200))
          throw new Error(`expected two 429s then a 200 on ${prefix}, saw ${statuses.join(', ')}`);
        await ui.collapse(row(page, 'Sandbox'));
      },
    },
    {
      name: 'the Empty project shows the empty row',
      async run() {
        await ui.expand(row(page, 'Empty'));
        await row(page, /^No clusters/).waitFor();
        await lib.screenshot(page, '04-empty.png');
        await ui.collapse(row(page, 'Empty'));
      },
    },
    {
      name: 'a schedule file with a mistake shows it in the Problems panel',
      async run() {
        await ui.quickOpen(page, 'analytics-nvme.schedule.json');
        await page.locator('.editor-instance .monaco-editor').first().waitFor();
        await page.keyboard.press('Control+Shift+M');
        const markers = page.locator('.markers-panel');
        await markers
          .getByText(/referenceHourOfDay is set but referenceMinuteOfHour is missing/)
          .first()
          .waitFor({ timeout: 30000 });
        await markers
          .getByText(/shorter than the 3 days of the hourly item/)
          .first()
          .waitFor();
        await lib.screenshot(page, '06-problems.png');
        await ui.runCommand(page, 'View: Close All Editors');
        await ui.runCommand(page, 'View: Hide Panel');
      },
    },
    {
      name: 'command palette: "Atlas Backup: Refresh" reloads the projects from Atlas',
      async run() {
        const count = async () =>
          (await sim.requests()).filter((r) => r.method === 'GET' && /^\/api\/atlas\/v2\/groups\/?$/.test(r.path))
            .length;
        const before = await count();
        await ui.runCommand(page, 'Atlas Backup: Refresh');
        await lib.until(async () => (await count()) > before, {
          message: 'a new GET /api/atlas/v2/groups after Refresh',
        });
        for (const p of ['Production', 'Staging', 'Sandbox', 'Empty']) await row(page, p).waitFor();
        await lib.screenshot(page, '05-after-refresh.png');
      },
    },
    {
      name: 'Sign Out shows the welcome view; signing in by hand with an API key brings the projects back',
      async run() {
        const creds = sim.credentials.apiKey;
        await ui.runCommand(page, 'Atlas Backup: Sign Out');
        const signIn = sidebar(page).locator('.welcome-view-content').getByRole('button', { name: 'Sign In' });
        await signIn.waitFor();
        await expectNoRow(page, /^Production\b/);
        await page
          .locator('.notifications-toasts')
          .getByText(/environment will not be used again until you sign in/)
          .first()
          .waitFor();
        await lib.screenshot(page, '07-signed-out.png');
        await signInWithApiKey(page, creds);
        await page
          .locator('.notifications-toasts')
          .getByText(/Signed in to 127\.0\.0\.1:\d+/)
          .first()
          .waitFor();
        const digest = (await sim.requests()).filter((r) => r.auth === 'digest' && r.status === 200);
        if (!digest.length) throw new Error('no request was signed with HTTP Digest after signing in with an API key');
        await lib.screenshot(page, '08-signed-in-by-hand.png');
      },
    },
  ];
};
