import type { Diagnostic } from '../../source/diagnostic';

/** One mention of a syscall in the input, with where it was read (for error messages). */
export interface SyscallUse {
  name: string;
  file: string;
  line: number;
  column: number;
}

/** The syscalls an input names, in the order met, and what went wrong reading it. */
export interface SyscallInput {
  uses: SyscallUse[];
  diagnostics: Diagnostic[];
}

/** What a syscall name looks like: lower case, digits and underscores (`_llseek`, `pipe2`). */
export const SYSCALL_NAME = /^[a-z_][a-z0-9_]*$/;
