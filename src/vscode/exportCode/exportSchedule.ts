// "Export Schedule as Code…" from the editor: the schedule in the active editor (a draft or a file naming its cluster)
// as a Terraform resource, the Atlas CLI's --file JSON with its command line, or a curl PATCH with Digest, opened as a
// new untitled document to save where it belongs. The text comes from the vscode-free src/core/fleet/codeExport.ts.
import * as vscode from 'vscode';
import {
  ExportError,
  NotExportableError,
  readExportable,
  toAtlasCliDocument,
  toCurl,
  toTerraform,
  type CodeExport,
} from '../../core/fleet/codeExport';
import { readScheduleTarget } from '../../core/schedule/scheduleFile';
import { escapeIcons } from '../../core/common/markdown';
import type { lintSchedule } from '../../core/schedule/lintSchedule';

/**
 * The schema-and-rules lint, from dist/lintSchedule.js beside this bundle (esbuild.js builds it): it carries the JSON
 * language service, about 120 KiB that only an export needs, so the extension's own bundle stays small.
 */
function loadLintSchedule(): typeof lintSchedule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file of our own, loaded only when exporting
  return (require(`${__dirname}/lintSchedule.js`) as { lintSchedule: typeof lintSchedule }).lintSchedule;
}

type Format = 'terraform' | 'atlas-cli' | 'curl';

/**
 * The format a caller named, if it is one: the editor's title menu passes (uri, { groupId, … }) and other menus
 * their own arguments, which must not be taken for a format (issue #20 item 2) — then the format is asked.
 */
function asFormat(format: unknown): Format | undefined {
  return format === 'terraform' || format === 'atlas-cli' || format === 'curl' ? format : undefined;
}

function scheduleDocument(arg?: unknown): Thenable<vscode.TextDocument> | vscode.TextDocument | undefined {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: vscode.Uri } | undefined;
  const uri = input?.uri ?? vscode.window.activeTextEditor?.document.uri;
  return uri?.path.endsWith('.schedule.json') ? vscode.workspace.openTextDocument(uri) : undefined;
}

/** Resolves to the untitled document opened (undefined when cancelled or there is nothing to export). */
export async function exportScheduleAsCode(
  baseUrl: string | undefined,
  arg?: unknown,
  format?: unknown,
): Promise<vscode.TextDocument | undefined> {
  const doc = await scheduleDocument(arg);
  if (!doc) {
    void vscode.window.showInformationMessage('Open a *.schedule.json file (or a draft) to export it as code.');
    return undefined;
  }
  const target = readScheduleTarget(doc.getText());
  if (!target) {
    void vscode.window.showErrorMessage(
      'The schedule does not name its cluster ("atlas": { "groupId", "clusterName" }); pull it from a cluster first.',
    );
    return undefined;
  }
  const pick =
    asFormat(format) ??
    (
      await vscode.window.showQuickPick(
        [
          {
            label: 'Terraform',
            description: 'mongodbatlas_cloud_backup_schedule resource',
            format: 'terraform' as const,
          },
          {
            label: 'Atlas CLI',
            description: 'atlas backups schedule update --file (JSON, command line in a comment)',
            format: 'atlas-cli' as const,
          },
          {
            label: 'curl',
            description: 'PATCH with HTTP Digest; the key comes from MONGODB_ATLAS_*_API_KEY',
            format: 'curl' as const,
          },
        ],
        { title: `Export ${escapeIcons(target.clusterName)}'s schedule as code` },
      )
    )?.format;
  if (!pick) return undefined;
  // The same door as the CLI's export: the schema passed (types checked), the cluster's names checked against
  // Atlas's patterns, every value written through the target language's quoting.
  let out: CodeExport;
  try {
    const { schedule, target: t } = await readExportable(doc.getText(), loadLintSchedule());
    out =
      pick === 'terraform'
        ? toTerraform(schedule, t)
        : pick === 'curl'
          ? toCurl(schedule, t, baseUrl)
          : toAtlasCliDocument(schedule, t);
  } catch (e) {
    if (e instanceof NotExportableError) {
      void vscode.window.showErrorMessage(
        `Not exported: the schedule has errors (see the Problems panel): ${e.problems.join('; ')}`,
      );
      return undefined;
    }
    if (e instanceof ExportError) {
      void vscode.window.showErrorMessage(`Cannot export as ${pick}: ${e.message}.`);
      return undefined;
    }
    throw e;
  }
  const language = pick === 'terraform' ? 'terraform' : pick === 'curl' ? 'shellscript' : 'jsonc';
  const content = out.text;
  const opened = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(opened, { preview: false });
  for (const w of out.warnings) void vscode.window.showWarningMessage(`Export: ${w}.`);
  return opened;
}
