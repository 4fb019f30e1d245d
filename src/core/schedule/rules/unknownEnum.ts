import type { Node } from '../jsonc';
import { pathText, prop, show, type ScheduleDocument } from '../scheduleDocument';
import type { Rule } from '../rule';
import type { Fix, JsonPath } from '../types';
import type { Report } from '../rule';
import { FREQUENCY_TYPES, RETENTION_UNITS } from '../retention';

const PROVIDERS = ['AWS', 'AZURE', 'GCP'];
const COPY_FREQUENCIES = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND'];

// Atlas adds enum values behind feature flags before documenting them, so an unknown value is a warning (and a
// near-miss such as "Hourly" gets a fix), never a hard error.
function checkValue(
  doc: ScheduleDocument,
  node: Node | undefined,
  path: JsonPath,
  known: readonly string[],
  report: (r: Report) => void,
): void {
  if (node?.type !== 'string' || typeof node.value !== 'string' || known.includes(node.value)) return;
  const value = node.value;
  const fixes: Fix[] = [];
  const same = known.find(
    (k) =>
      k.toLowerCase() === value.toLowerCase().replace(/[\s-]/g, '_') || k.toLowerCase() === value.toLowerCase().trim(),
  );
  if (same) fixes.push({ title: `Change to "${same}"`, edits: doc.edit(path, same), isPreferred: true });
  report({
    path,
    at: node,
    fixes,
    message: `${pathText(path)} is ${show(node)}, which is not a value this API version documents (${known.join(', ')}); Atlas rejects it unless it added the value since${same ? `. Did you mean "${same}"?` : ''}`,
  });
}

export const unknownEnum: Rule = {
  id: 'unknown-enum',
  severity: 'warning',
  summary: 'Enumerated fields hold a documented value; an unknown one is a warning because Atlas may add values later.',
  check(doc, _ctx, report) {
    for (const item of doc.items) {
      checkValue(doc, prop(item.node, 'frequencyType'), [...item.path, 'frequencyType'], FREQUENCY_TYPES, report);
      checkValue(doc, prop(item.node, 'retentionUnit'), [...item.path, 'retentionUnit'], RETENTION_UNITS, report);
    }
    for (const cs of doc.elements('copySettings')) {
      checkValue(doc, prop(cs.node, 'cloudProvider'), [...cs.path, 'cloudProvider'], PROVIDERS, report);
      const freqs = prop(cs.node, 'frequencies');
      (freqs?.type === 'array' ? (freqs.children ?? []) : []).forEach((f, i) =>
        checkValue(doc, f, [...cs.path, 'frequencies', i], COPY_FREQUENCIES, report),
      );
      const cpi = prop(cs.node, 'copyPolicyItems');
      (cpi?.type === 'array' ? (cpi.children ?? []) : []).forEach((it, i) => {
        checkValue(
          doc,
          prop(it, 'frequencyType'),
          [...cs.path, 'copyPolicyItems', i, 'frequencyType'],
          FREQUENCY_TYPES,
          report,
        );
        checkValue(
          doc,
          prop(it, 'retentionUnit'),
          [...cs.path, 'copyPolicyItems', i, 'retentionUnit'],
          RETENTION_UNITS,
          report,
        );
      });
    }
    for (const er of doc.elements('extraRetentionSettings'))
      checkValue(doc, prop(er.node, 'frequencyType'), [...er.path, 'frequencyType'], COPY_FREQUENCIES, report);
    for (const d of doc.elements('deleteCopiedBackups'))
      checkValue(doc, prop(d.node, 'cloudProvider'), [...d.path, 'cloudProvider'], PROVIDERS, report);
  },
};
