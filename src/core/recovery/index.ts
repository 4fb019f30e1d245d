// The recovery posture: RPO, the restorable window, the last restore, and their findings. vscode-free.
export {
  CONTINUOUS_BACKUP_RPO_SECONDS,
  DEFAULT_RESTORE_AGE_DAYS,
  lastRestore,
  recoveryPosture,
  rpoSeconds,
  type KnownRestore,
  type RecoveryInput,
} from './recoveryPosture';
export {
  RECOVERY_RULES,
  recoveryFindings,
  recoveryOptionsFrom,
  takesScheduledSnapshots,
  type RecoveryFindingInput,
  type RecoveryOptions,
} from './recoveryFindings';
export { lastRestoreCell, recoveryWords, restorableCell, restorePointsCell, rpoCell, rpoWords } from './recoveryWords';
