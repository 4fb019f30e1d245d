// A rule's message in the form's words, for every surface a person reads without the JSON beside it: the schedule
// editor's problem lists (beside fields, in the header list, under sections) and the posture report's findings. The
// rules keep speaking JSON paths, which is right in lint, the Problems panel, SARIF and the CLI, where the person
// edits the JSON. Browser-safe and small: the posture webview bundles it without the rule engine.
import { APPLY_TO_EXISTING } from './describeSchedule';
import { formWords } from './formWords';
import type { JsonPath } from './types';

/** Top-level fields by the form's label for them (the checkbox or field that sets them). */
const TOP_LEVEL: Readonly<Record<string, string>> = {
  autoExportEnabled: 'Export snapshots to a bucket automatically',
  'export.exportBucketId': 'Export bucket',
  'export.frequencyType': 'Export frequency',
  useOrgAndGroupNamesInExportPrefix: 'Use organisation and project names in the export prefix',
  copyPolicyItemsEnabled: 'Copy per policy item',
  updateSnapshots: APPLY_TO_EXISTING,
  restoreWindowDays: 'Days of continuous restore',
  referenceHourOfDay: 'Hour (UTC)',
  referenceMinuteOfHour: 'Minute',
};

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

/** Phrases that tell the person to type JSON, said as what to do in the form. */
const SUGGESTIONS: readonly [RegExp, string][] = [
  [/; add "export": \{[^}]*\}/g, '; choose an export bucket and a frequency under Export'],
  [/\bthere is no export object\b/g, 'no export bucket or frequency is chosen'],
  [/\bexport has no exportBucketId and no frequencyType\b/g, 'no export bucket or frequency is chosen'],
  [/\bexport has no exportBucketId\b/g, 'no export bucket is chosen'],
  [/\bexport has no frequencyType\b/g, 'no export frequency is chosen'],
  [/\bneeds an object with exportBucketId and frequencyType\b/g, 'needs an export bucket and a frequency'],
  [/^export is\b/g, 'The export settings are'],
  // A checkbox is on or off, not true or false.
  [/\bis true\b/g, 'is on'],
  [/\bis not true\b/g, 'is not on'],
  [/\bis false\b/g, 'is off'],
];

export interface ProblemWordsOptions {
  /** The path of the field the message is shown beside, and that field's label: its own path becomes the label. */
  at?: JsonPath;
  label?: string;
  /**
   * The schedule's item frequency types, in order: when given, items are named by them ("the daily item's keep")
   * rather than by position ("item 2's keep"), for surfaces that do not list the items (the posture report).
   */
  itemTypes?: readonly (string | undefined)[];
}

/** `message` (a schedule rule's, JSON paths and all) in the words of the form. */
export function problemWords(message: string, opts: ProblemWordsOptions = {}): string {
  let m = formWords(message, opts.at ?? [], opts.label);
  const types = opts.itemTypes;
  if (types)
    m = m.replace(/\bitem (\d+)\b/g, (all, n: string) => {
      const i = Number(n) - 1;
      const t = types[i];
      if (!t) return all;
      // Two items of one type (a duplicate the rules refuse) are told apart by their order.
      const same = types.filter((x) => x === t).length;
      const k = types.slice(0, i).filter((x) => x === t).length;
      return same > 1 ? `the ${ORDINALS[k] ?? `${k + 1}th`} ${t} item` : `the ${t} item`;
    });
  for (const [re, words] of SUGGESTIONS) m = m.replace(re, words);
  // A top-level field's name (not part of a longer path or word) becomes the form's label for it.
  m = m.replace(/(?<![\w.\]"])(export\.exportBucketId|export\.frequencyType|[a-zA-Z]+)(?![\w[]|\.\w)/g, (w: string) =>
    TOP_LEVEL[w] ? `"${TOP_LEVEL[w]}"` : w,
  );
  return m.charAt(0).toUpperCase() + m.slice(1);
}
