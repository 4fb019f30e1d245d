// The schema VS Code's JSON support validates *.schedule.json with (contributed through jsonValidation). It is
// the schedule schema without the `required` lists our rules already report — with a precise message and a quick
// fix — so a missing field shows once in the Problems panel, not once from each. The CLI and the custom editor
// keep the full schema (lintSchedule drops the schema's duplicate itself).
import { scheduleSchema } from './schema';

/** `required` lists the rules cover: policy-count, policy-items, item-fields, copy-zone. */
const COVERED = new Set([
  'policies',
  'policyItems',
  'frequencyInterval,frequencyType,retentionUnit,retentionValue',
  'zoneId',
]);

export function editorSchema(schema: unknown = scheduleSchema): unknown {
  const walk = (v: unknown, inIf: boolean): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, inIf));
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      // A `required` inside `if` is a condition, not a demand: left alone.
      if (k === 'required' && !inIf && Array.isArray(x) && COVERED.has((x as unknown[]).map(String).sort().join(',')))
        continue;
      out[k] = walk(x, inIf || k === 'if');
    }
    return out;
  };
  return walk(schema, false);
}
