// Accounts: credentials bound to the base URL they were entered for. The VS Code layer (src/vscode/accounts/accountManager.ts)
// keeps them; everything here runs in plain Node.
export * from './account';
export * from './accountClient';
export * from './atlasCliConfig';
export * from './baseUrl';
export * from './originGuard';
