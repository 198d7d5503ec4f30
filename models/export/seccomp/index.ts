export { ARCH_SPELLINGS, DEFAULT_ARCHES, knownArches, parseArchList } from './architectures';
export { compareWithDefault, describeComparison, type DefaultComparison } from './compare-default';
export { SECCOMP_DIAGNOSTICS } from './diagnostics';
export {
  generateSeccompProfile,
  type SeccompOptions,
  type SeccompProfile,
  type SeccompResult,
  type SeccompRule,
} from './generate-seccomp-profile';
export { parseStrace } from './parse-strace';
export { parseSyscallList } from './parse-syscall-list';
export type { SyscallInput, SyscallUse } from './syscall-input';
export { SYSCALL_TABLES, type SeccompArch } from './syscall-tables';
