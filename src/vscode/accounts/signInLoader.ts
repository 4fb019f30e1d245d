// Sign in, Sign out, Switch account and Import from Atlas CLI as extension.ts calls them: the dialogs
// (signInBundle.ts) are dist/signIn.js, loaded the first time one of them runs.
import { lazyBundle } from '../common/lazyBundle';

type SignIn = typeof import('./signInBundle');
const load = lazyBundle<SignIn>('signIn.js');

export const signIn = (...a: Parameters<SignIn['signIn']>): ReturnType<SignIn['signIn']> => load().signIn(...a);
export const signOut = (...a: Parameters<SignIn['signOut']>): ReturnType<SignIn['signOut']> => load().signOut(...a);
export const switchAccount = (...a: Parameters<SignIn['switchAccount']>): ReturnType<SignIn['switchAccount']> =>
  load().switchAccount(...a);
export const importAtlasCliProfiles = (
  ...a: Parameters<SignIn['importAtlasCliProfiles']>
): ReturnType<SignIn['importAtlasCliProfiles']> => load().importAtlasCliProfiles(...a);
