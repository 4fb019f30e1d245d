// Push, Delete all backup schedules, Show schedule history and Restore (from the history) as extension.ts calls them:
// what they run (pushSchedule.ts, with the diff, the push core and the risk checks) is dist/push.js, loaded the first
// time one of them runs. The read-only documents and Atlas's refusals as diagnostics (pushDocuments.ts) stay in the
// extension bundle: their providers must be there from activation.
import { lazyBundle } from '../common/lazyBundle';

type Push = typeof import('./pushSchedule');
const load = lazyBundle<Push>('push.js');

export const pushSchedule = (...a: Parameters<Push['pushSchedule']>): ReturnType<Push['pushSchedule']> =>
  load().pushSchedule(...a);
export const deleteSchedules = (...a: Parameters<Push['deleteSchedules']>): ReturnType<Push['deleteSchedules']> =>
  load().deleteSchedules(...a);
export const showScheduleHistory = (
  ...a: Parameters<Push['showScheduleHistory']>
): ReturnType<Push['showScheduleHistory']> => load().showScheduleHistory(...a);
export const restoreFromHistory = (
  ...a: Parameters<Push['restoreFromHistory']>
): ReturnType<Push['restoreFromHistory']> => load().restoreFromHistory(...a);
/** What a workspace file's push compares against (only asked during a push, so loading the bundle costs nothing). */
export const pulledBase = (...a: Parameters<Push['pulledBase']>): ReturnType<Push['pulledBase']> =>
  load().pulledBase(...a);
