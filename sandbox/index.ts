/** The sandbox: where partner code executes. Public names, listed explicitly. */

export { Sandbox, toError } from './host.ts'
export type { SandboxResult, SandboxOptions, RunOptions, HostWorker } from './host.ts'
export { createSandbox } from '#platform/sandbox'
export { DEFAULT_LIMITS, tightenLimits } from './limits.ts'
export type { SandboxLimits } from './limits.ts'
export type { GuestJob, GuestStats, EngineName } from './_protocol.ts'
export type { Frame, Column, ColumnKind } from './frame/types.ts'
export {
  columnFromValues,
  columnValue,
  columnLength,
  concatColumns,
  takeRows,
  encodeColumn,
  decodeColumn,
  frameFromRecords,
  ColumnDecodeError,
} from './frame/codec.ts'
export type { CollectionLayout } from './frame/codec.ts'
export {
  callKernel,
  count,
  groupMean,
  groupSum,
  histogram,
  selectRows,
  sum,
  topK,
  KernelArgumentError,
  KERNELS,
} from './kernels.ts'
export type { Decay, GroupOptions, KernelName, Where } from './kernels.ts'
export {
  SealpostError,
  GuestTimeoutError,
  GuestMemoryError,
  GuestStackError,
  GuestError,
  GuestPendingError,
  OutputTooLargeError,
  ModuleRejectedError,
  SandboxCrashError,
} from './errors.ts'
