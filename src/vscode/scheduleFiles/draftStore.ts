// Drafts: a cluster's draft is a real file,
//   <globalStorage>/drafts/<host>/<groupId>/<clusterName>.schedule.json   (written with toScheduleFile)
// with its base — the schedule as fetched, and when and from where — beside it in `<clusterName>.base.json`.
// Being files, drafts survive closing the editor, a window reload and a crash; unsaved edits in an open draft are
// kept by VS Code's hot exit like any other file's. The push flow asks `baseFor(uri)` for its three-way compare.
import * as vscode from 'vscode';
import type { BackupSchedule } from '../../core/atlas/types';
import { toScheduleFile } from '../../core/schedule/scheduleFile';
import { writeUri } from '../common/writeUri';

export interface DraftBase {
  schedule: BackupSchedule;
  fetchedAt: string;
  origin: string;
}
export interface DraftKey {
  groupId: string;
  clusterName: string;
  origin: string;
}

const SAFE = /^[\w.-]{1,128}$/;
const dec = new TextDecoder();

/** `cloud.mongodb.com`, `127.0.0.1_4545`: a folder name for an origin. */
export function hostFolder(origin: string): string {
  try {
    return new URL(origin).host.replace(/[^\w.-]/g, '_') || 'local';
  } catch {
    return 'unknown';
  }
}

export class DraftStore implements vscode.Disposable {
  private readonly root: vscode.Uri;
  private readonly known = new Set<string>();
  private readonly changed = new vscode.EventEmitter<DraftKey | undefined>();
  readonly onDidChange = this.changed.event;

  /** `defaultOrigin` is where drafts are looked up when no origin is given (the signed-in account's). */
  constructor(
    globalStorage: vscode.Uri,
    private readonly defaultOrigin: () => string,
  ) {
    this.root = vscode.Uri.joinPath(globalStorage, 'drafts');
  }

  /** Reads which drafts exist (once at start; afterwards the store keeps its index itself). */
  async load(): Promise<void> {
    this.known.clear();
    for (const [host, hostType] of await readDir(this.root)) {
      if (hostType !== vscode.FileType.Directory) continue;
      for (const [group, groupType] of await readDir(vscode.Uri.joinPath(this.root, host))) {
        if (groupType !== vscode.FileType.Directory) continue;
        for (const [file] of await readDir(vscode.Uri.joinPath(this.root, host, group))) {
          if (file.endsWith('.schedule.json'))
            this.known.add(`${host}/${group}/${file.slice(0, -'.schedule.json'.length)}`);
        }
      }
    }
    this.changed.fire(undefined);
  }

  uriOf(groupId: string, clusterName: string, origin = this.defaultOrigin()): vscode.Uri {
    if (!SAFE.test(groupId) || !SAFE.test(clusterName))
      throw new Error(`Not a project id and cluster name a draft can be kept for: ${groupId}/${clusterName}`);
    return vscode.Uri.joinPath(this.root, hostFolder(origin), groupId, `${clusterName}.schedule.json`);
  }

  private baseUri(draft: vscode.Uri): vscode.Uri {
    return draft.with({ path: draft.path.replace(/\.schedule\.json$/, '.base.json') });
  }

  private keyOf(groupId: string, clusterName: string, origin: string): string {
    return `${hostFolder(origin)}/${groupId}/${clusterName}`;
  }

  /** Synchronous, for the tree's marks. */
  has(groupId: string, clusterName: string, origin = this.defaultOrigin()): boolean {
    return this.known.has(this.keyOf(groupId, clusterName, origin));
  }

  /** The draft's file, when there is one. */
  get(groupId: string, clusterName: string, origin = this.defaultOrigin()): vscode.Uri | undefined {
    return this.has(groupId, clusterName, origin) ? this.uriOf(groupId, clusterName, origin) : undefined;
  }

  /** Every draft, for pickers. */
  list(): { groupId: string; clusterName: string; host: string }[] {
    return [...this.known].map((k) => {
      const [host, groupId, clusterName] = k.split('/');
      return { host, groupId, clusterName };
    });
  }

  /** Is `uri` a draft file of this store? */
  isDraft(uri: vscode.Uri): boolean {
    return (
      uri.scheme === this.root.scheme &&
      uri.path.startsWith(`${this.root.path}/`) &&
      uri.path.endsWith('.schedule.json')
    );
  }

  /** Writes a new draft of the schedule as fetched, and its base. */
  async create(
    schedule: BackupSchedule,
    target: { groupId: string; clusterName: string; origin: string; fetchedAt: string },
  ): Promise<vscode.Uri> {
    const uri = this.uriOf(target.groupId, target.clusterName, target.origin);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    const base: DraftBase = { schedule, fetchedAt: target.fetchedAt, origin: target.origin };
    // Base first: a draft without its base would push without a three-way check.
    await writeUri(this.baseUri(uri), `${JSON.stringify(base, null, 2)}\n`);
    await writeUri(
      uri,
      toScheduleFile(schedule, {
        groupId: target.groupId,
        clusterName: target.clusterName,
        pulledAt: target.fetchedAt,
        origin: target.origin,
      }),
    );
    this.known.add(this.keyOf(target.groupId, target.clusterName, target.origin));
    this.changed.fire({ groupId: target.groupId, clusterName: target.clusterName, origin: target.origin });
    return uri;
  }

  /** The schedule the draft started from (or was last rebased on). */
  async baseFor(uri: vscode.Uri): Promise<DraftBase | undefined> {
    if (!this.isDraft(uri)) return undefined;
    try {
      const v = JSON.parse(dec.decode(await vscode.workspace.fs.readFile(this.baseUri(uri)))) as Partial<DraftBase>;
      return v && typeof v === 'object' && v.schedule && typeof v.fetchedAt === 'string' && typeof v.origin === 'string'
        ? (v as DraftBase)
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** After a push (or a rebase), the schedule Atlas now has becomes the base. */
  async replaceBase(uri: vscode.Uri, schedule: BackupSchedule, fetchedAt = new Date().toISOString()): Promise<void> {
    const old = await this.baseFor(uri);
    if (!old) throw new Error(`${uri.fsPath} is not a draft with a base`);
    await writeUri(this.baseUri(uri), `${JSON.stringify({ schedule, fetchedAt, origin: old.origin }, null, 2)}\n`);
  }

  /** Deletes the draft and its base; open editors on it are closed first (unsaved edits go with the draft). */
  async discard(groupId: string, clusterName: string, origin = this.defaultOrigin()): Promise<boolean> {
    const uri = this.uriOf(groupId, clusterName, origin);
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => {
        const input = t.input as { uri?: vscode.Uri } | undefined;
        return input?.uri?.toString() === uri.toString();
      });
    for (const doc of vscode.workspace.textDocuments) {
      // Revert unsaved edits so closing does not ask to save a draft the person chose to throw away.
      if (doc.uri.toString() === uri.toString() && doc.isDirty) {
        await vscode.window.showTextDocument(doc, { preview: false });
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
    let existed = false;
    for (const u of [uri, this.baseUri(uri)]) {
      try {
        await vscode.workspace.fs.delete(u);
        existed = true;
      } catch {
        /* already gone */
      }
    }
    this.known.delete(this.keyOf(groupId, clusterName, origin));
    this.changed.fire({ groupId, clusterName, origin });
    return existed;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

async function readDir(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
  try {
    return await vscode.workspace.fs.readDirectory(uri);
  } catch {
    return [];
  }
}
