// Every rule, in the order their problems are reported for the same position.
import type { Rule } from '../rule';
import { jsonSyntax } from './jsonSyntax';
import { policyCount } from './policyCount';
import { policyItems } from './policyItems';
import { emptyPolicy } from './emptyPolicy';
import { itemFields } from './itemFields';
import { unknownEnum } from './unknownEnum';
import { unknownField } from './unknownField';
import { frequencyInterval } from './frequencyInterval';
import { duplicateFrequency } from './duplicateFrequency';
import { retentionPositive } from './retentionPositive';
import { retentionOrder } from './retentionOrder';
import { retentionMinimum } from './retentionMinimum';
import { referenceTimeRange } from './referenceTimeRange';
import { referenceTimePair } from './referenceTimePair';
import { restoreWindow } from './restoreWindow';
import { pitHourlyItem } from './pitHourlyItem';
import { restoreWindowWithoutPit } from './restoreWindowWithoutPit';
import { exportSettings } from './exportSettings';
import { exportFrequency } from './exportFrequency';
import { exportBucketExists } from './exportBucketExists';
import { copyZone } from './copyZone';
import { copyExclusive } from './copyExclusive';
import { copyPolicyItems } from './copyPolicyItems';
import { copyFrequencies } from './copyFrequencies';
import { copyLastSnapshots } from './copyLastSnapshots';
import { copyOplogsPit } from './copyOplogsPit';
import { deleteCopySnapshots } from './deleteCopySnapshots';
import { unknownItemId } from './unknownItemId';
import { frequencyTypeChange } from './frequencyTypeChange';
import { complianceItem } from './complianceItem';
import { complianceRestoreWindow } from './complianceRestoreWindow';
import { compliancePit } from './compliancePit';
import { complianceDeletion } from './complianceDeletion';

export const allRules: Rule[] = [
  jsonSyntax,
  policyCount,
  policyItems,
  emptyPolicy,
  itemFields,
  unknownEnum,
  unknownField,
  frequencyInterval,
  duplicateFrequency,
  retentionPositive,
  retentionOrder,
  retentionMinimum,
  referenceTimeRange,
  referenceTimePair,
  restoreWindow,
  pitHourlyItem,
  restoreWindowWithoutPit,
  exportSettings,
  exportFrequency,
  exportBucketExists,
  copyZone,
  copyExclusive,
  copyPolicyItems,
  copyFrequencies,
  copyLastSnapshots,
  copyOplogsPit,
  deleteCopySnapshots,
  unknownItemId,
  frequencyTypeChange,
  complianceItem,
  complianceRestoreWindow,
  compliancePit,
  complianceDeletion,
];
