// "Export Schedule as Code…" from the editor: the schedule in the active editor (a draft or a file naming its cluster)
// as a Terraform resource, the Atlas CLI's --file JSON with its command line, or a curl PATCH with Digest, opened as a
// new untitled document to save where it belongs. The text comes from the vscode-free src/core/fleet/codeExport.ts.
import * as vscode from 'vscode';
import type { CodeExport } from '../../core/fleet/codeExport';
import { readScheduleTarget } from '../../core/schedule/scheduleFile';
import { escapeIcons } from '../../core/common/markdown';

/**
 * The exporters and the schema-and-rules lint they run first, from dist/exportCode.js beside this bundle (esbuild.js
 * builds it from src/core/fleet/exportBundle.ts): the JSON language service in the lint is about 120 KiB that only an
 * export needs, so the extension's own bundle stays small and its activation does not pay for it.
 */
function loadExporter(): typeof import('../../core/fleet/exportBundle') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file of our own, loaded only when exporting
  return require(`${__dirname}/exportCode.js`) as typeof import('../../core/fleet/exportBundle');
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
  const { ExportError, NotExportableError, readExportable, lintSchedule, toAtlasCliDocument, toCurl, toTerraform } =
    loadExporter();
  let out: CodeExport;
  try {
    const { schedule, target: t } = await readExportable(doc.getText(), lintSchedule);
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
