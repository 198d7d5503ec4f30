/** A container image reference split as registries read it: `[registry/]repository[:tag][@digest]`. */
export interface ImageReference {
  /** Repository path without the registry host and Docker Hub's `library/` (`node`, `distroless/static`). */
  repository: string;
  /** Last path component of the repository (`node`). */
  name: string;
  tag?: string;
  digest?: string;
}

/** Splits `[registry/]path[:tag][@digest]`. The first component is a registry when it holds a
 * dot or a colon or is `localhost`, as in the distribution reference grammar. */
export function parseImageReference(reference: string): ImageReference {
  let rest = reference.trim().toLowerCase();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost'))
    parts.shift();
  // Docker Hub's official images live under `library/`; `library/node` and `node` are one image.
  if (parts.length === 2 && parts[0] === 'library') parts.shift();
  const repository = parts.join('/');
  const name = parts[parts.length - 1] ?? '';
  const out: ImageReference = { repository, name };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  return out;
}
