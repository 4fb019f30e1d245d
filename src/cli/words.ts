// Atlas errors in command-line words. The client's messages end with advice for the extension ("sign in again",
// "refresh the Atlas Backup view", "update the Atlas Backup extension"); on a command line the person sets variables
// and passes flags instead, and a project id that Atlas does not know is most often a mistyped one, not a project
// that "no longer exists". vscode-free.
import { AtlasApiError, AtlasError } from '../core/atlas/errors';

const CREDENTIALS =
  'check MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET (or MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY): they may be mistyped, expired or revoked';

/** The project id and cluster name of an Atlas API path, when it names them. */
function pathParts(path: string): { groupId?: string; clusterName?: string } {
  const m = /\/groups\/([^/?]+)(?:\/clusters\/([^/?]+))?/.exec(path);
  return m ? { groupId: decodeURIComponent(m[1]), clusterName: m[2] && decodeURIComponent(m[2]) } : {};
}

/** Replaces the extension's advice in a message with what to do on a command line. */
function commandLineAdvice(text: string): string {
  return text
    .replace(/,? ?then sign in again\.?/gi, `; ${CREDENTIALS}.`)
    .replace(
      /Sign in again with a valid client ID and secret\.?/gi,
      `${CREDENTIALS[0].toUpperCase()}${CREDENTIALS.slice(1)}.`,
    )
    .replace(
      /Sign in again, or check that the credentials are correct and have not expired or been revoked\.?/gi,
      `${CREDENTIALS[0].toUpperCase()}${CREDENTIALS.slice(1)}.`,
    )
    .replace(/Sign in again;?/gi, `${CREDENTIALS[0].toUpperCase()}${CREDENTIALS.slice(1)};`)
    .replace(/;? ?refresh the Atlas Backup view\.?/gi, '.')
    .replace(/update the Atlas Backup extension/gi, 'update atlas-backup');
}

/** The one line main() prints for an Atlas error (after "atlas-backup: "). */
export function cliAtlasMessage(e: AtlasError): string {
  if (e instanceof AtlasApiError && e.status === 404) {
    const { groupId, clusterName } = pathParts(e.path);
    const code = `(${e.errorCode || 'HTTP 404'}${e.errorCode ? ', HTTP 404' : ''})`;
    if (e.errorCode === 'GROUP_NOT_FOUND' && groupId)
      return `no project with ID ${groupId} that these credentials can see ${code} (check --projectId, MONGODB_ATLAS_PROJECT_ID or the file's atlas.groupId)`;
    if ((e.errorCode === 'CLUSTER_NOT_FOUND' || e.errorCode === 'CLUSTER_NAME_NOT_FOUND') && clusterName && groupId)
      return `no cluster named ${clusterName} in project ${groupId} ${code} (check the cluster name; atlas-backup audit --projectId ${groupId} lists the project's clusters)`;
  }
  return commandLineAdvice(e.message);
}

/** The same for any message built from an AtlasError's text (a write failure's description, say). */
export function inCommandLineWords(message: string): string {
  return commandLineAdvice(message);
}
