import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importDockerfile, looksLikeDockerfile } from '../../../../models/import/dockerfile';
import { applyEdits, editOf } from './text-edits';

/** Robustness: whatever the text, the importer returns, gives diagnostics with a position, and
 * gives byte-identical output for the same input. */

const SEED = `# syntax=docker/dockerfile:1.7
ARG BASE=python:3.12-slim
ARG UID=10001
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ENV CGO_ENABLED=0 GREETING="hello world" \\
    LEGACY=1
RUN --mount=type=secret,id=token curl -fsSL https://x.sh | sh && \\
    echo "done | sh"
RUN <<EOF
set -e
wget -qO- https://y | bash
EOF
COPY <<-CFG /etc/app.toml
\tkey = 1
\tCFG
WORKDIR /src
FROM \${BASE} AS final
ARG UID
USER \${UID}:1000
EXPOSE 80 443/tcp 53/udp 8000-8002
HEALTHCHECK --interval=5s CMD curl -f http://localhost/
ADD https://example.com/a.tgz /tmp/
LABEL a=b "c d"="e f"
CMD ['python', 'app.py']
ONBUILD RUN make
SHELL ["/bin/bash", "-c"]
FROM final
WORKDIR /proc/self/fd/7
`;

const FRAGMENTS = [
  '\\\n',
  '`\n',
  '\n',
  '<<EOF',
  '<<-EOF\n',
  'EOF\n',
  '"',
  "'",
  '${',
  '}',
  '$',
  ':-',
  '[',
  ']',
  '#',
  '# escape=`\n',
  'FROM ',
  'FROM scratch\n',
  'AS ',
  'USER ',
  'ENV ',
  'ARG ',
  '=',
  '|',
  ' | sh',
  'curl ',
  '--mount=type=secret',
  '\r',
  '\t',
  '\uFEFF',
];

const KEYWORDS = [
  'FROM',
  'RUN',
  'USER',
  'ENV',
  'ARG',
  'EXPOSE',
  'COPY',
  'ADD',
  'WORKDIR',
  'HEALTHCHECK',
  'ONBUILD',
  'SHELL',
  'LABEL',
  'CMD',
  'from',
  'Bogus',
];

function check(text: string): void {
  const first = importDockerfile({ path: 'app/Dockerfile', text });
  for (const d of first.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
  }
  expect(JSON.stringify(importDockerfile({ path: 'app/Dockerfile', text }))).toBe(JSON.stringify(first));
  looksLikeDockerfile(text);
}

describe('importDockerfile on arbitrary input', () => {
  it('survives random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => check(text)),
      { numRuns: 300 },
    );
  });

  it('survives random text made of Dockerfile fragments', () => {
    const parts = fc.array(fc.constantFrom(...FRAGMENTS, ...KEYWORDS.map((k) => `${k} `)), { maxLength: 60 });
    fc.assert(
      fc.property(parts, (p) => check(p.join(''))),
      { numRuns: 400 },
    );
  });

  it('survives random edits of a realistic Dockerfile', () => {
    fc.assert(
      fc.property(fc.array(editOf(FRAGMENTS), { minLength: 1, maxLength: 8 }), (edits) =>
        check(applyEdits(SEED, edits)),
      ),
      { numRuns: 500 },
    );
  });

  it('survives any instruction with any arguments', () => {
    const line = fc
      .tuple(fc.constantFrom(...KEYWORDS), fc.string({ maxLength: 30 }))
      .map(([k, a]) => `${k} ${a}`);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => check(lines.join('\n'))),
      { numRuns: 300 },
    );
  });

  it('stays linear on long inputs', () => {
    const lines = Array.from(
      { length: 20_000 },
      (_, i) => `RUN echo ${i} && curl https://x/${i} | sh \\\n  && true`,
    );
    const started = performance.now();
    const out = importDockerfile({ path: 'Dockerfile', text: `FROM alpine\n${lines.join('\n')}\n` });
    expect(out.bundle.dockerfiles[0]!.pipeToShell).toHaveLength(20_000);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
