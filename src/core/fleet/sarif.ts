// SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: one run, the tool's rules with their descriptions and
// default levels, one result per problem with a physical location (a repository-relative URI under %SRCROOT% and a
// 1-based region in UTF-16 columns). Used by `lint --format sarif` (schedule files) and `audit --format sarif`
// (clusters, located at a stable pseudo-path per cluster). vscode-free.
import type { Log, LogicalLocation, ReportingDescriptor, Result } from 'sarif';
import type { RuleInfo, Severity } from '../schedule/types';

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

export interface SarifInput {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Repository-relative path with `/` separators (not yet URI-encoded). */
  path: string;
  region: SarifRegion;
  /** E.g. `Production/orders-rs` for an audit finding. */
  logicalName?: string;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function pathToUri(p: string): string {
  return p
    .replace(/\\/g, '/')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** A resource the run describes whether or not it has results (the audit: every cluster with its recovery posture). */
export interface SarifResource {
  fullyQualifiedName: string;
  properties?: Record<string, unknown>;
}

export function toSarif(
  inputs: readonly SarifInput[],
  opts: {
    rules: readonly RuleInfo[];
    version: string;
    informationUri?: string;
    /** Listed in the run's `logicalLocations` (kind `resource`), each with its properties. */
    resources?: readonly SarifResource[];
  },
): Log {
  const used = [...new Set(inputs.map((i) => i.ruleId))];
  const known = new Map(opts.rules.map((r) => [r.id, r]));
  const rules = used.map((id): ReportingDescriptor => {
    const r = known.get(id);
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: r?.summary ?? id },
      fullDescription: { text: r?.summary ?? id },
      help: { text: `${r?.summary ?? id}${r?.docs ? ` See ${r.docs}.` : ''}` },
      defaultConfiguration: { level: LEVEL[r?.severity ?? 'warning'] },
      properties: { tags: ['backup', 'mongodb-atlas'] },
    };
  });
  const index = new Map(used.map((id, i) => [id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'atlas-backup',
            semanticVersion: opts.version,
            version: opts.version,
            ...(opts.informationUri ? { informationUri: opts.informationUri } : {}),
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        ...(opts.resources?.length
          ? {
              logicalLocations: opts.resources.map((r): LogicalLocation => ({
                fullyQualifiedName: r.fullyQualifiedName,
                kind: 'resource',
                ...(r.properties ? { properties: r.properties } : {}),
              })),
            }
          : {}),
        results: inputs.map((i): Result => ({
          ruleId: i.ruleId,
          ruleIndex: index.get(i.ruleId)!,
          level: LEVEL[i.severity],
          message: { text: i.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: pathToUri(i.path), uriBaseId: '%SRCROOT%' },
                region: i.region,
              },
              ...(i.logicalName ? { logicalLocations: [{ fullyQualifiedName: i.logicalName, kind: 'resource' }] } : {}),
            },
          ],
        })),
      },
    ],
  };
}
