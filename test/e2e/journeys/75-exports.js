// UI journey of exports to buckets: a project's Export Buckets row with its buckets, and Export Snapshot to Bucket… on
// a snapshot of orders-rs (bucket picked by name, the modal saying a failed export is not retried), watched to the
// end with Copy Prefix, then the cluster's Exports row listing the job. Leaves the export speed at its default, the
// tree collapsed and notifications cleared.
'use strict';
const lib = require('../lib');
const { ui } = lib;
const { row, label } = require('./helpers');

const SNAPSHOT_ROW = /^\d{4}-\d\d-\d\d \d\d:\d\d UTC /;

module.exports = function journeys(ctx) {
  const { page, sim } = ctx;
  const exportSpeed = (body) =>
    fetch(`${sim.url}/__sim/export-speed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return [
    {
      name: "exports: a project's Export Buckets row lists its buckets with provider, role and networking",
      async run() {
        await ui.clearNotifications(page);
        await ui.expand(row(page, 'Production'));
        const buckets = row(page, 'Export Buckets');
        await ui.expand(buckets);
        const aws = row(page, 'acme-atlas-exports');
        await aws.waitFor();
        if (!/AWS S3 · role arn:aws:iam::\d+:role\/\S+ · public network/.test(await label(aws)))
          throw new Error(`the AWS bucket row lacks provider, role or networking: ${await label(aws)}`);
        await row(page, /^exports Azure Blob Storage · https:\/\//).waitFor();
        await lib.screenshot(page, '75-exports-buckets.png');
        await ui.collapse(buckets);
      },
    },
    {
      name: 'exports: Export Snapshot to Bucket… on a snapshot, watched to the end, then listed under Exports',
      async run() {
        await exportSpeed({ queueSeconds: 0, secondsPerCollection: 0.2 });
        const orders = row(page, 'orders-rs');
        await ui.expand(orders);
        const snapshots = row(page, /^Snapshots/);
        await ui.expand(snapshots);
        const snapshot = row(page, SNAPSHOT_ROW).filter({ hasNotText: 'in progress' }).first();
        await snapshot.waitFor();
        const before = (await sim.requests()).length;
        await snapshot.click({ button: 'right' });
        await ui.clickContextMenuItem(page, 'Export Snapshot to Bucket…');
        const widget = page.locator('.quick-input-widget');
        await widget.locator('.quick-input-title', { hasText: '(1/2)' }).waitFor();
        await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'acme-atlas-exports' }).first().click();
        await widget.locator('.quick-input-title', { hasText: '(2/2)' }).waitFor();
        await widget.locator('input.input').fill('ticket=OPS-75');
        await page.keyboard.press('Enter');
        const dialog = ui.modalDialog(page);
        await dialog.getByText(/A failed export is not retried by Atlas/).waitFor();
        await lib.screenshot(page, '75-exports-confirm.png');
        await dialog.getByRole('button', { name: 'Export' }).click();
        const toasts = page.locator('.notifications-toasts');
        await toasts.getByText(/Exported the snapshot of orders-rs to acme-atlas-exports under /).waitFor({
          timeout: 60000,
        });
        await toasts.getByRole('button', { name: 'Copy Prefix' }).waitFor();
        const posts = (await sim.requests())
          .slice(before)
          .filter((r) => r.method === 'POST' && /\/clusters\/orders-rs\/backup\/exports$/.test(r.path));
        if (posts.length !== 1) throw new Error(`expected one POST for the export, saw ${posts.length}`);
        await ui.collapse(snapshots);
        const exportsRow = row(page, 'Exports');
        await ui.expand(exportsRow);
        const job = row(page, /^snapshot of \d{4}-\d\d-\d\d \d\d:\d\d UTC → acme-atlas-exports/).first();
        await lib.until(async () => /successful · (\d+) of \1 collections exported/.test(await label(job)), {
          timeout: 20000,
          message: 'the new export heads the Exports row, successful',
        });
        await lib.screenshot(page, '75-exports-jobs.png');
        await ui.collapse(exportsRow);
        await ui.collapse(orders);
        await ui.collapse(row(page, 'Production'));
        await ui.clearNotifications(page);
        await exportSpeed({ queueSeconds: 5, secondsPerCollection: 10 });
      },
    },
  ];
};
