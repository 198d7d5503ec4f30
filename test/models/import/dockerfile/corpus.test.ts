import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { importDockerfile, looksLikeDockerfile } from '../../../../models/import/dockerfile';
import { parseImageReference } from '../../../../models/images/image-reference';

/** The peers' own fixtures (shared/corpus, vendored under test/fixtures/corpus). */
const CORPUS = join(import.meta.dirname, '../../../fixtures/corpus');
const CHECKOV = join(CORPUS, 'bridgecrewio__checkov/tests/dockerfile');
const TRIVY = join(CORPUS, 'aquasecurity__trivy-checks/checks/docker');

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

function importPath(path: string) {
  const text = readFileSync(path, 'utf8');
  return importDockerfile({ path: relative(CORPUS, path), text });
}

/** `latest` or no tag, and no digest: the image can change under the same name. */
function isMutableLatest(image: string): boolean {
  const ref = parseImageReference(image);
  if (ref.repository === 'scratch' || ref.digest) return false;
  return ref.tag === undefined || ref.tag === 'latest';
}

describe('Checkov Dockerfile fixtures', () => {
  const files = filesUnder(CHECKOV).filter((f) => !f.endsWith('.yaml'));

  it('holds the 133 Dockerfiles and resources the reference describes', () => {
    expect(files.length).toBe(116);
    expect(filesUnder(CHECKOV).length).toBe(133);
  });

  it.each(files.map((f) => [relative(CHECKOV, f), f]))(
    'imports %s without throwing, twice the same',
    (_, file) => {
      const first = importPath(file);
      expect(JSON.stringify(importPath(file))).toBe(JSON.stringify(first));
      for (const d of first.diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
      }
    },
  );

  it('recognizes every Dockerfile by content, and not the PNG or the empty file', () => {
    const rejected = files
      .filter((f) => !looksLikeDockerfile(readFileSync(f, 'utf8')))
      .map((f) => relative(CHECKOV, f));
    expect(rejected).toEqual([
      'resources/empty_dockerfile/Dockerfile',
      'resources/not_dockerfile/dockerfile.png',
    ]);
  });

  it('imports the name variations, the heredoc and the empty and binary files as expected', () => {
    for (const name of ['prod.dockerfile', 'Dockerfile.prod', '.Dockerfile']) {
      expect(
        importPath(join(CHECKOV, 'resources/name_variations', name)).bundle.dockerfiles[0]!.finalBase!.value,
      ).toBe('alpine:3.14.2');
    }
    const heredoc = importPath(join(CHECKOV, 'resources/multiline_command/Dockerfile'));
    expect(heredoc.diagnostics).toEqual([]);
    expect(heredoc.bundle.dockerfiles[0]!.finalBase!.value).toBe('docker.io/library/ubuntu:22.04');
    expect(
      importPath(join(CHECKOV, 'resources/empty_dockerfile/Dockerfile')).diagnostics.map((d) => d.code),
    ).toEqual(['DOCKERFILE_EMPTY']);
    expect(
      importPath(join(CHECKOV, 'resources/not_dockerfile/dockerfile.png')).diagnostics.map((d) => d.code),
    ).toEqual(['DOCKERFILE_BINARY']);
  });

  describe('USER (CKV_DOCKER_3 UserExists, CKV_DOCKER_8 RootUser)', () => {
    const user = (dir: string) =>
      importPath(join(CHECKOV, 'checks', dir, 'Dockerfile')).bundle.dockerfiles[0]!;

    it('RootUser failure: the last USER is root', () => {
      expect(user('example_RootUser/failure').finalUser!.value).toMatchObject({ uid: 0, name: 'root' });
    });
    it('RootUser success: the last USER is checkov, not the earlier root', () => {
      expect(user('example_RootUser/success').finalUser!.value).toEqual({ origin: 'image', name: 'checkov' });
    });
    it('UserExists failure: no USER, so the base image decides (unknown here)', () => {
      const info = user('example_UserExists/failure');
      expect(info.finalUser).toBeUndefined();
      expect(info.userInheritedFromUnknownBase).toBe(true);
    });
    it('UserExists success: USER me, read after a LABEL with an unclosed quote', () => {
      expect(user('example_UserExists/success').finalUser!.value).toEqual({ origin: 'image', name: 'me' });
    });
  });

  describe('latest tags (CKV_DOCKER_7 ReferenceLatestTag)', () => {
    const dir = join(CHECKOV, 'checks/example_ReferenceLatestTag');
    const cases = readdirSync(dir).sort();

    it.each(cases)('%s', (name) => {
      const info = importPath(join(dir, name, 'Dockerfile')).bundle.dockerfiles[0]!;
      const images = info.stages
        .map((s) => s.baseImage.value)
        .filter((image) => !info.stages.some((s) => s.name === image));
      expect(images.some(isMutableLatest)).toBe(name.startsWith('failure'));
    });
  });
});

describe('Trivy Dockerfile fixtures', () => {
  it('imports checks/docker/test/Dockerfile without errors', () => {
    const out = importPath(join(TRIVY, 'test/Dockerfile'));
    expect(out.diagnostics).toEqual([]);
    expect(out.bundle.dockerfiles[0]!.finalBase!.value).toBe('openjdk');
    expect(out.bundle.dockerfiles[0]!.env.map((e) => e.name)).toEqual(['DEPENDENCY']);
  });

  const snippets = readdirSync(TRIVY)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((file) => {
      const doc = load(readFileSync(join(TRIVY, file), 'utf8')) as {
        dockerfile?: { good?: string[]; bad?: string[] };
      };
      return (['good', 'bad'] as const).flatMap((kind) =>
        (doc.dockerfile?.[kind] ?? []).map((text, i) => ({ id: `${file} ${kind}[${i}]`, file, kind, text })),
      );
    });

  it.each(snippets.map((s) => [s.id, s]))('imports the %s snippet', (_, snippet) => {
    const out = importDockerfile({ path: 'Dockerfile', text: snippet.text });
    expect(out.bundle.dockerfiles).toHaveLength(1);
    const info = out.bundle.dockerfiles[0]!;
    if (snippet.file === 'root_user.yaml') {
      // DS002: bad has no USER (the base image's default user, root for debian), good sets USER foo.
      if (snippet.kind === 'bad') expect(info.finalUser).toBeUndefined();
      else expect(info.finalUser!.value.name).toBe('foo');
    }
    if (snippet.file === 'latest_tag.yaml') {
      expect(isMutableLatest(info.finalBase!.value)).toBe(snippet.kind === 'bad');
    }
  });
});
