// Public shapes of the schedule rule engine. Everything here is plain data so the VS Code layer, the custom
// editor's webview and the CLI can share it without importing `vscode`.

export type Severity = 'error' | 'warning' | 'info';

/** jsonc-parser's `Edit` shape: replace `length` characters at `offset` with `content`. */
export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}

export type JsonPath = (string | number)[];

export interface Problem {
  ruleId: string;
  severity: Severity;
  message: string;
  /** JSON path of the field the problem is about, e.g. `['policies', 0, 'policyItems', 1, 'frequencyInterval']`. */
  path: JsonPath;
  /** Character offset/length in the document text; positions are made only at the edge (CLI, VS Code layer). */
  offset: number;
  length: number;
  /** `docs/rules.md#<rule-id>` */
  docs: string;
  fixes?: Fix[];
}

/** A scheduled item of a Backup Compliance Policy (`BackupComplianceScheduledPolicyItem`). */
export interface CompliancePolicyItem {
  id?: string;
  frequencyType?: string;
  frequencyInterval?: number;
  retentionUnit?: string;
  retentionValue?: number;
}

/**
 * The Backup Compliance Policy as GET returns it (`DataProtectionSettings20231001`). Structural on purpose: the
 * engine only needs the fields below, and the API client's own model lives elsewhere (src/core/atlas).
 */
export interface CompliancePolicy {
  projectId?: string;
  state?: string;
  pitEnabled?: boolean;
  restoreWindowDays?: number;
  copyProtectionEnabled?: boolean;
  encryptionAtRestEnabled?: boolean;
  scheduledPolicyItems?: CompliancePolicyItem[];
  onDemandPolicyItem?: CompliancePolicyItem;
  authorizedEmail?: string;
  authorizedUserFirstName?: string;
  authorizedUserLastName?: string;
  deletable?: boolean;
  updatedDate?: string;
  updatedUser?: string;
}

/** What the engine may know about the target cluster. All optional: a rule needing missing context stays silent. */
export interface ScheduleContext {
  /** The cluster's instance size contains `_NVME`. */
  nvme?: boolean;
  /** The cluster has continuous cloud backup (point-in-time restore). */
  pitEnabled?: boolean;
  /** The cluster's zones (from `replicationSpecs`), for copy settings. */
  zones?: { zoneId: string; zoneName?: string; providers: string[] }[];
  /** The project's Backup Compliance Policy; enforced when `state` is ACTIVE or absent. */
  compliance?: CompliancePolicy;
  /** Policy item ids the server has. */
  serverItemIds?: string[];
  /** Policy items the server has, for frequency-type changes of existing items. */
  serverItems?: { id: string; frequencyType: string }[];
  /** The project's export buckets (automatic export names one by id); unknown when they could not be read. */
  exportBuckets?: { id: string; bucketName: string; cloudProvider: string }[];
}

export interface RuleInfo {
  id: string;
  severity: Severity;
  summary: string;
  /** `docs/rules.md#<rule-id>` */
  docs: string;
}
