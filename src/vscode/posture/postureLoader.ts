// The Backup Posture panel as extension.ts uses it: the panel and the posture loader behind it (posturePanel.ts) are
// dist/posture.js, loaded the first time the panel opens.
import { lazyBundle } from '../common/lazyBundle';
import type { PostureDeps, PosturePanel as Panel } from './posturePanel';

const load = lazyBundle<typeof import('./posturePanel')>('posture.js');

export const PosturePanel = {
  show: (deps: PostureDeps, arg?: unknown): Panel => load().PosturePanel.show(deps, arg),
  /** The open panel, if any (never loads the bundle: no bundle, no panel). */
  get active(): Panel | undefined {
    return load.ifLoaded()?.PosturePanel.active;
  },
};
