import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStrace, parseSyscallList } from '../../../../models/export/seccomp';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/seccomp');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const expected = (name: string) => read(name).split('\n').filter(Boolean);
const names = (uses: { name: string }[]) => [...new Set(uses.map((u) => u.name))].sort();

describe('parseSyscallList', () => {
  it('reads one name per line, skipping comments, blank lines and duplicates', () => {
    const result = parseSyscallList('list.txt', read('list.txt'));
    expect(result.diagnostics).toEqual([]);
    expect(names(result.uses)).toEqual([
      'accept4',
      'brk',
      'close',
      'epoll_pwait',
      'execve',
      'exit_group',
      'mmap',
      'munmap',
      'openat',
      'read',
      'sendfile',
      'write',
    ]);
    expect(result.uses.find((u) => u.name === 'sendfile')).toMatchObject({ line: 14, column: 2 });
  });

  it('rejects a line that is not one name, with its line and column', () => {
    const result = parseSyscallList('list-malformed.txt', read('list-malformed.txt'));
    expect(result.uses.map((u) => u.name)).toEqual(['execve']);
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['SECCOMP_INVALID_LINE', 2, 1],
      ['SECCOMP_INVALID_LINE', 3, 1],
    ]);
    expect(result.diagnostics[0]!.message).toContain('one syscall name per line');
    expect(result.diagnostics[1]!.excerpt).toBe('Open(');
  });
});

describe('parseStrace', () => {
  it.each([
    ['strace -f -tt -T -o FILE', 'strace-f-o-tt-T.txt', 'strace-f-o-tt-T.expected'],
    ['strace -f to stderr ([pid N] prefixes)', 'strace-f-stderr.txt', 'strace-f-stderr.expected'],
    ['every line form in one file', 'strace-forms.txt', 'strace-forms.expected'],
  ])('finds the syscalls of %s', (_label, input, names_) => {
    const result = parseStrace(input, read(input));
    expect(names(result.uses)).toEqual(expected(names_));
  });

  it('reads strace -ff -o per-pid files, which have no prefix', () => {
    const dir = join(FIXTURES, 'strace-ff');
    const uses = readdirSync(dir)
      .sort()
      .flatMap((file) => {
        const result = parseStrace(file, readFileSync(join(dir, file), 'utf8'));
        expect(result.diagnostics).toEqual([]);
        return result.uses;
      });
    expect(names(uses)).toEqual(expected('strace-ff.expected'));
  });

  it('recorded traces parse without warnings: every line is a call, a signal, an exit or an interruption', () => {
    for (const file of ['strace-f-o-tt-T.txt', 'strace-f-stderr.txt'])
      expect(parseStrace(file, read(file)).diagnostics).toEqual([]);
  });

  it('skips signal, exit and strace lines silently and warns about program output', () => {
    const result = parseStrace('strace-forms.txt', read('strace-forms.txt'));
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([['SECCOMP_UNPARSED_LINE', 16]]);
  });

  it('points at the syscall name after the prefixes', () => {
    const result = parseStrace('t', '[pid  12] 10:20:30.000001 <... read resumed>) = 1\n');
    expect(result.uses).toEqual([{ name: 'read', file: 't', line: 1, column: 32 }]);
  });
});
