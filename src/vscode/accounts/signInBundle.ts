// The sign-in dialogs and the Atlas CLI import, built as dist/signIn.js and loaded the first time one of them runs
// (signInLoader.ts). The account manager, which activation needs, stays in the extension bundle.
export { signIn, signOut, switchAccount } from './signIn';
export { importAtlasCliProfiles } from './importAtlasCli';
