import { defineDiagnostics } from '../../source/diagnostic';

/** Diagnostics of the seccomp profile generator: errors stop the profile from being written,
 * warnings say what was assumed. */
export const SECCOMP_DIAGNOSTICS = defineDiagnostics({
  SECCOMP_UNKNOWN_SYSCALL: {
    severity: 'error',
    title: 'A name is not a syscall on any requested architecture',
  },
  SECCOMP_NOT_ON_ARCH: {
    severity: 'warning',
    title: 'A syscall exists on some requested architectures only; it is allowed only there',
  },
  SECCOMP_INVALID_LINE: {
    severity: 'error',
    title: 'A line of a syscall list is not one syscall name',
  },
  SECCOMP_UNPARSED_LINE: {
    severity: 'warning',
    title: 'A line of strace output is not a syscall, signal or exit line; it is skipped',
  },
  SECCOMP_NO_SYSCALLS: { severity: 'error', title: 'The input names no syscalls' },
  SECCOMP_NO_EXECVE: {
    severity: 'warning',
    title: 'execve is not allowed: the runtime cannot start the container process',
  },
});
