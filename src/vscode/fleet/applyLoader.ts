// Apply to Other Clusters as extension.ts calls it: what it runs (applyToMany.ts, with the diff and the push core) is
// dist/fleet.js, loaded the first time it runs. Its read-only documents (applyDocuments.ts) stay in the extension
// bundle: their provider must be there from activation.
import { lazyBundle } from '../common/lazyBundle';

type Apply = typeof import('./applyToMany');
const load = lazyBundle<Apply>('fleet.js');

export const applyToOtherClusters = (
  ...a: Parameters<Apply['applyToOtherClusters']>
): ReturnType<Apply['applyToOtherClusters']> => load().applyToOtherClusters(...a);
