import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { AtlasAuthError, isCancelled } from '../../core/atlas';
import { atlasCliConfigPath, describeKind, hostOf } from '../../core/accounts';
import type { readAtlasCliProfiles as ReadProfiles } from '../../core/accounts/atlasCliConfig';

/**
 * The Atlas CLI config reader, from dist/atlasCliConfig.js beside this bundle (esbuild.js builds it): its TOML parser
 * is only needed when someone imports profiles, so the extension's own bundle does not carry it.
 */
function readAtlasCliProfiles(text: string): ReturnType<typeof ReadProfiles> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file of our own, loaded only when importing
  const m = require(`${__dirname}/atlasCliConfig.js`) as { readAtlasCliProfiles: typeof ReadProfiles };
  return m.readAtlasCliProfiles(text);
}
import type { AtlasCliProfile } from '../../core/accounts';
import type { AccountManager } from './accountManager';
import type { Logger } from '../common/logger';
import { verify } from './signIn';
import { escapeIcons } from '../../core/common/markdown';

interface ProfilePick extends vscode.QuickPickItem {
  profile: AtlasCliProfile;
}

/**
 * Imports sign-ins from the Atlas CLI's config.toml, only when the user runs the command and only the profiles
 * they tick (none is ticked for them). Each imported profile is checked against its own server first and kept
 * as an account bound to that server. `file` (a Uri or path) overrides the Atlas CLI's default location.
 * Returns how many accounts were added.
 */
export async function importAtlasCliProfiles(
  accounts: AccountManager,
  logger: Logger,
  file?: vscode.Uri | string,
): Promise<number> {
  const path =
    typeof file === 'string' ? file : (file?.fsPath ?? atlasCliConfigPath(process.env, process.platform, os.homedir()));
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    void vscode.window.showInformationMessage(
      code === 'ENOENT'
        ? `No Atlas CLI configuration at ${path}. Run \`atlas config init\` (API key) or \`atlas auth login\` first, or sign in here.`
        : `Couldn't read the Atlas CLI configuration ${path} (${code ?? 'error'}).`,
    );
    return 0;
  }
  let profiles: AtlasCliProfile[];
  try {
    profiles = readAtlasCliProfiles(text);
  } catch (e) {
    void vscode.window.showErrorMessage(
      `The Atlas CLI configuration ${path} is not valid TOML: ${e instanceof Error ? e.message : String(e)}. Nothing was imported.`,
    );
    return 0;
  }
  const usable = profiles.filter((p) => p.credentials && p.baseUrl && !p.unusable);
  for (const p of profiles.filter((x) => !usable.includes(x)))
    logger.info(`Atlas CLI profile "${p.name}" cannot be imported: ${p.unusable ?? 'no credentials'}.`);
  if (!usable.length) {
    void vscode.window.showInformationMessage(
      `No Atlas CLI profile in ${path} can be imported${profiles.length ? ` (${profiles.length} found; the log says why)` : ''}. Sign in with a service account or API key instead.`,
    );
    return 0;
  }
  const picks: ProfilePick[] = usable.map((p) => ({
    profile: p,
    label: escapeIcons(p.name),
    picked: false,
    description: escapeIcons(`${describeKind(p.credentials!.kind)} · ${hostOf(p.baseUrl!)}`),
    detail: escapeIcons(
      `${p.credentials!.kind === 'serviceAccount' ? p.credentials!.clientId : p.credentials!.publicKey} — will be used with ${p.baseUrl} only`,
    ),
  }));
  const chosen = await vscode.window.showQuickPick(picks, {
    title: `Import sign-ins from the Atlas CLI (${path})`,
    placeHolder: 'Tick the profiles to import; each is checked against its server before it is kept',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!chosen?.length) return 0;
  let added = 0;
  for (const { profile } of chosen) {
    const baseUrl = profile.baseUrl!,
      credentials = profile.credentials!;
    try {
      await verify(
        accounts,
        baseUrl,
        credentials,
        `Checking Atlas CLI profile "${profile.name}" with ${hostOf(baseUrl)}…`,
      );
      await accounts.add(baseUrl, credentials, `${profile.name} @ ${hostOf(baseUrl)}`);
      added++;
    } catch (e) {
      if (isCancelled(e)) break;
      logger.error(`Importing Atlas CLI profile "${profile.name}" failed`, e);
      void vscode.window.showErrorMessage(
        `Atlas CLI profile "${profile.name}" was not imported: ${e instanceof AtlasAuthError ? 'Atlas refused its credentials.' : e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  if (added)
    void vscode.window.showInformationMessage(
      `Imported ${added} ${added === 1 ? 'sign-in' : 'sign-ins'} from the Atlas CLI.`,
    );
  return added;
}
