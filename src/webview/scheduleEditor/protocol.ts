// The schedule editor's messages, both ways, as one discriminated union each. Both sides validate what they
// receive with the guards below and ignore (and log) anything else: the webview is a view, not a trusted peer.
// No DOM and no vscode here: the extension, the webview bundle and the unit tests all import it.
import type { FormModel, Intent, Scalar } from '../../core/schedule/formModel';
import type { JsonPath } from '../../core/schedule/types';

/** Webview → extension. */
export type ToExtension =
  /** The script has loaded and listens; it reports the user's time zone for "local time". */
  /** `drawn`: the script drew the state the HTML carried (so the extension need not send it again). */
  | { type: 'ready'; timeZone: string; drawn?: boolean }
  /** The first state was drawn and the form takes input (the editor's "ready for input" moment). */
  /** `ownMs`: our share, from our script's request to the first state drawn (load, parse, draw). */
  | { type: 'rendered'; version: number; ownMs?: number }
  /** An intent, made against the document version the form showed. */
  | { type: 'edit'; version: number; intent: Intent }
  | { type: 'openJson' }
  | { type: 'openDocs'; ruleId: string };

/** Extension → webview. */
export type ToWebview = { type: 'state'; version: number; title: string; model: FormModel };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 100_000;
const isShortString = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length <= max;

export function isPath(v: unknown): v is JsonPath {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.length <= 8 &&
    v.every((s) => isIndex(s) || (isShortString(s, 100) && s.length > 0))
  );
}

export function isScalar(v: unknown): v is Scalar {
  return (
    v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || isShortString(v, 1000)
  );
}

export function isIntent(v: unknown): v is Intent {
  if (!isObj(v)) return false;
  switch (v.kind) {
    case 'set':
      return isPath(v.path) && isScalar(v.value);
    case 'remove':
      return isPath(v.path);
    case 'setItemType':
      return isIndex(v.index) && isShortString(v.frequencyType, 20);
    case 'addItem':
      return isShortString(v.frequencyType, 20);
    case 'addCopySetting':
    case 'addExtraRetention':
      return true;
    case 'setCopyMode':
      return isIndex(v.index) && (v.mode === 'last' || v.mode === 'items');
    case 'addCopyItem':
      return isIndex(v.index) && isShortString(v.frequencyType, 20);
    case 'setCopyItemType':
      return isIndex(v.index) && isIndex(v.item) && isShortString(v.frequencyType, 20);
    case 'fix':
      return isIndex(v.problem) && isIndex(v.fix);
    default:
      return false;
  }
}

/** The message, or a reason it was refused. */
export function parseToExtension(v: unknown): ToExtension | string {
  if (!isObj(v)) return 'not an object';
  switch (v.type) {
    case 'ready':
      if (!isShortString(v.timeZone, 64)) return 'ready: timeZone is not a short string';
      return v.drawn === true
        ? { type: 'ready', timeZone: v.timeZone, drawn: true }
        : { type: 'ready', timeZone: v.timeZone };
    case 'rendered':
      if (!isIndex(v.version)) return 'rendered: version is not a number';
      return typeof v.ownMs === 'number' && Number.isFinite(v.ownMs) && v.ownMs >= 0
        ? { type: 'rendered', version: v.version, ownMs: v.ownMs }
        : { type: 'rendered', version: v.version };
    case 'edit':
      if (!isIndex(v.version)) return 'edit: version is not a number';
      return isIntent(v.intent)
        ? { type: 'edit', version: v.version, intent: v.intent }
        : 'edit: the intent is not one the editor knows';
    case 'openJson':
      return { type: 'openJson' };
    case 'openDocs':
      return isShortString(v.ruleId, 64) && /^[a-z][a-z-]*$/.test(v.ruleId)
        ? { type: 'openDocs', ruleId: v.ruleId }
        : 'openDocs: not a rule id';
    default:
      return `unknown message type ${JSON.stringify(String(v.type)).slice(0, 40)}`;
  }
}

export function parseToWebview(v: unknown): ToWebview | string {
  if (!isObj(v)) return 'not an object';
  if (v.type !== 'state') return `unknown message type ${JSON.stringify(String(v.type)).slice(0, 40)}`;
  if (!isIndex(v.version) || typeof v.title !== 'string') return 'state: version or title missing';
  const m = v.model;
  if (
    !isObj(m) ||
    typeof m.ok !== 'boolean' ||
    !isObj(m.items) ||
    !Array.isArray(m.items.rows) ||
    !isObj(m.picture) ||
    !Array.isArray(m.general)
  )
    return 'state: the model is not a form model';
  return { type: 'state', version: v.version, title: v.title, model: m as unknown as FormModel };
}
