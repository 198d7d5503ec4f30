import { parseImageReference } from './image-reference';

/**
 * How much operating system a base image brings, judged from its reference alone (no registry is
 * asked). The classes, from least to most:
 *
 * - `scratch`: the empty image.
 * - `distroless`: no shell and no package manager: `gcr.io/distroless/*`, any repository or tag
 *   naming `distroless`, Ubuntu `chiseled` tags, and Chainguard images (`cgr.dev/chainguard/*`) other than their `-dev`
 *   variants and `wolfi-base`.
 * - `minimal`: a small distribution with a shell: alpine, busybox, wolfi-base and Chainguard `-dev`
 *   tags, Red Hat ubi-minimal/ubi-micro, Windows nanoserver, and every `-slim` or `-alpine` variant
 *   of an official image (`python:3.12-slim`, `node:20-alpine`, `debian:bookworm-slim`).
 * - `full-os`: a general-purpose distribution (ubuntu, debian, centos, fedora, rockylinux,
 *   almalinux, amazonlinux, opensuse, oraclelinux, archlinux, ubi) and the official language
 *   images whose default tags are built on one (node, python, golang, openjdk, ruby, php, .NET, …).
 * - `unknown`: anything else, including images named by a variable that could not be resolved.
 *
 * The registry prefix and the digest do not change the class.
 */
export type BaseImageClass = 'scratch' | 'distroless' | 'minimal' | 'full-os' | 'unknown';

const FULL_DISTRIBUTIONS = new Set([
  'ubuntu',
  'debian',
  'centos',
  'fedora',
  'rockylinux',
  'almalinux',
  'amazonlinux',
  'oraclelinux',
  'archlinux',
  'ubi',
  'ubi7',
  'ubi8',
  'ubi9',
  'ubi10',
  'leap',
  'tumbleweed',
  'opensuse',
  'clearlinux',
  'photon',
  'mageia',
  'windowsservercore',
  'servercore',
]);

/** Official language and tool images whose default variants are built on Debian or Amazon Linux. */
const FULL_LANGUAGE_IMAGES = new Set([
  'node',
  'python',
  'golang',
  'openjdk',
  'ruby',
  'php',
  'perl',
  'rust',
  'maven',
  'gradle',
  'eclipse-temurin',
  'amazoncorretto',
  'buildpack-deps',
  'gcc',
  'elixir',
  'erlang',
  'haskell',
  'julia',
  'r-base',
  'swift',
]);

const MINIMAL_NAMES = new Set([
  'alpine',
  'busybox',
  'wolfi-base',
  'ubi-minimal',
  'ubi-micro',
  'ubi8-minimal',
  'ubi8-micro',
  'ubi9-minimal',
  'ubi9-micro',
  'ubi10-minimal',
  'ubi10-micro',
  'nanoserver',
]);

const TAG_SEPARATORS = /[-_.]/;

function tagTokens(tag: string | undefined): string[] {
  return tag === undefined ? [] : tag.split(TAG_SEPARATORS);
}

export function classifyBaseImage(reference: string): BaseImageClass {
  const trimmed = reference.trim();
  if (trimmed === '' || trimmed.includes('$')) return 'unknown';
  const ref = parseImageReference(trimmed);
  if (ref.repository === 'scratch') return 'scratch';
  const path = ref.repository.split('/');
  const tokens = tagTokens(ref.tag);
  const distroless = tokens.includes('distroless') || tokens.includes('chiseled');
  if (distroless || path.includes('distroless') || ref.name.includes('distroless')) {
    return 'distroless';
  }
  if (path[0] === 'chainguard' || path.includes('chainguard')) {
    return ref.name === 'wolfi-base' || tokens.includes('dev') ? 'minimal' : 'distroless';
  }
  if (MINIMAL_NAMES.has(ref.name)) return 'minimal';
  if (tokens.some((t) => t === 'slim' || t.startsWith('alpine') || t === 'nanoserver')) return 'minimal';
  if (tokens.some((t) => t === 'windowsservercore')) return 'full-os';
  if (FULL_DISTRIBUTIONS.has(ref.name) || path.includes('opensuse')) return 'full-os';
  // .NET images (mcr.microsoft.com/dotnet/sdk, …/aspnet) are Debian-based unless chiseled or alpine.
  if (FULL_LANGUAGE_IMAGES.has(ref.name) || path[0] === 'dotnet') return 'full-os';
  return 'unknown';
}
