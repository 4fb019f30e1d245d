// Small page helpers shared by the UI journeys.
'use strict';
const lib = require('../lib');
const { ui } = lib;

const sidebar = (page) => page.locator('.part.sidebar');
const row = (page, label) => ui.treeItem(sidebar(page), label);
const label = (loc) => loc.getAttribute('aria-label');

async function expectNoRow(page, re) {
  const n = await sidebar(page).getByRole('treeitem', { name: re }).count();
  if (n) throw new Error(`unexpected row(s) matching ${re}: ${await sidebar(page).getByRole('treeitem', { name: re }).first().getAttribute('aria-label')}`);
}

module.exports = { sidebar, row, label, expectNoRow };
