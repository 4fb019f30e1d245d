import { has, prop, propKey } from '../scheduleDocument';
import type { Rule } from '../rule';

// Atlas error INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS: the reference hour and minute are set together.
export const referenceTimePair: Rule = {
  id: 'reference-time-pair',
  severity: 'error',
  summary: '`referenceHourOfDay` and `referenceMinuteOfHour` are set together (or both left out).',
  check(doc, _ctx, report) {
    const root = doc.object;
    if (!root) return;
    const hour = has(root, 'referenceHourOfDay'),
      minute = has(root, 'referenceMinuteOfHour');
    if (hour === minute) return;
    const [present, missing] = hour
      ? ['referenceHourOfDay', 'referenceMinuteOfHour']
      : ['referenceMinuteOfHour', 'referenceHourOfDay'];
    report({
      path: [present],
      at: propKey(root, present)!,
      message: `${present} is set but ${missing} is missing; Atlas needs both to place the snapshot time (UTC) (INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS)`,
      // Next to its partner: the minute after the hour, the hour before the minute.
      fixes: [
        {
          title: `Add "${missing}": 0`,
          edits: placeNextTo(doc, prop(root, present), present, missing),
          isPreferred: true,
        },
      ],
    });
  },
};

function placeNextTo(
  doc: Parameters<Rule['check']>[0],
  value: ReturnType<typeof prop>,
  present: string,
  missing: string,
) {
  const edits = value
    ? present === 'referenceHourOfDay'
      ? doc.insertAfter(value, missing, 0)
      : doc.insertBefore(value, missing, 0)
    : [];
  return edits.length ? edits : doc.edit([missing], 0);
}
