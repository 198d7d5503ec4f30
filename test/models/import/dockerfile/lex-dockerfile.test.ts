import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../../models/source/diagnostic';
import { SourceText } from '../../../../models/source/source-text';
import { argsPosition, lexDockerfile } from '../../../../models/import/dockerfile/lex-dockerfile';

function lex(text: string) {
  const diagnostics: Diagnostic[] = [];
  const lexed = lexDockerfile(new SourceText('Dockerfile', text), diagnostics);
  return { ...lexed, diagnostics };
}

describe('lexDockerfile', () => {
  it('reads keywords case-insensitively with their position and arguments', () => {
    const { instructions } = lex('from alpine:3.19\n  run  echo hi\n');
    expect(instructions.map((i) => [i.keyword, i.line, i.column, i.args])).toEqual([
      ['FROM', 1, 1, 'alpine:3.19'],
      ['RUN', 2, 3, 'echo hi'],
    ]);
  });

  it('joins continuation lines and drops comment and blank lines inside them', () => {
    const { instructions } = lex(
      'RUN apt-get update && \\\n# a comment\n\n    apt-get install -y curl \\  \n    && rm -rf /var/lib/apt\n',
    );
    expect(instructions).toHaveLength(1);
    expect(instructions[0]!.args).toBe(
      'apt-get update &&     apt-get install -y curl     && rm -rf /var/lib/apt',
    );
  });

  it('maps offsets in joined arguments back to physical lines and columns', () => {
    const { instructions } = lex('ENV A=1 \\\n    B=2\n');
    const ins = instructions[0]!;
    expect(argsPosition(ins, ins.args.indexOf('A='))).toEqual({ line: 1, column: 5 });
    expect(argsPosition(ins, ins.args.indexOf('B='))).toEqual({ line: 2, column: 5 });
  });

  it('starts arguments on the next line when the keyword ends with a continuation', () => {
    const { instructions } = lex('RUN \\\n   make\n');
    expect(instructions[0]!.args).toBe('make');
    expect(argsPosition(instructions[0]!, 0)).toEqual({ line: 2, column: 4 });
  });

  it('reads parser directives only at the top, and the backtick escape', () => {
    const { directives, escape, instructions } = lex(
      '# syntax=docker/dockerfile:1\n# escape=`\nFROM x\nRUN a `\n  b\n# escape=\\\n',
    );
    expect(directives.map((d) => [d.name, d.value])).toEqual([
      ['syntax', 'docker/dockerfile:1'],
      ['escape', '`'],
    ]);
    expect(escape).toBe('`');
    expect(instructions.map((i) => i.args)).toEqual(['x', 'a   b']);
  });

  it('stops reading directives at the first comment that is not one', () => {
    const { escape } = lex('# hello\n# escape=`\nFROM x\n');
    expect(escape).toBe('\\');
  });

  it('reports a repeated or invalid directive', () => {
    expect(lex('# escape=`\n# escape=\\\nFROM x\n').diagnostics.map((d) => d.code)).toEqual([
      'DOCKERFILE_INVALID_DIRECTIVE',
    ]);
    expect(lex('# escape=x\nFROM x\n').diagnostics[0]).toMatchObject({
      code: 'DOCKERFILE_INVALID_DIRECTIVE',
      line: 1,
    });
  });

  it('reads heredoc bodies after RUN, COPY and ADD, several in one instruction', () => {
    const { instructions } = lex(
      'RUN <<A cat <<"B"\nline a\nA\nline $b\nB\nCOPY <<-EOF /x\n\tindented\n\tEOF\nUSER app\n',
    );
    expect(instructions.map((i) => i.keyword)).toEqual(['RUN', 'COPY', 'USER']);
    expect(instructions[0]!.heredocs).toEqual([
      { name: 'A', body: 'line a', line: 2, quoted: false },
      { name: 'B', body: 'line $b', line: 4, quoted: true },
    ]);
    expect(instructions[1]!.heredocs[0]).toMatchObject({ name: 'EOF', body: 'indented' });
  });

  it('does not take here-strings or exec-form text for heredocs', () => {
    const { instructions } = lex('RUN cat <<< "x"\nRUN ["cat", "<<EOF"]\nUSER a\n');
    expect(instructions.map((i) => i.heredocs.length)).toEqual([0, 0, 0]);
  });

  it('reports an unterminated heredoc at its instruction and keeps the body', () => {
    const { instructions, diagnostics } = lex('FROM x\nRUN <<EOF\necho hi\n');
    expect(instructions[1]!.heredocs[0]!.body).toBe('echo hi\n');
    expect(diagnostics).toMatchObject([{ code: 'DOCKERFILE_UNTERMINATED_HEREDOC', line: 2, column: 1 }]);
  });

  it('handles CRLF line ends and a byte-order mark', () => {
    const { instructions } = lex('\uFEFFFROM x\r\nUSER app\r\n');
    expect(instructions.map((i) => [i.keyword, i.column, i.args])).toEqual([
      ['FROM', 2, 'x'],
      ['USER', 1, 'app'],
    ]);
  });

  it('accepts a trailing continuation at the end of the file', () => {
    expect(lex('FROM x\nRUN a \\').instructions[1]!.args).toBe('a');
  });
});
