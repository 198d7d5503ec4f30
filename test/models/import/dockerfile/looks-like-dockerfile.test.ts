import { describe, expect, it } from 'vitest';
import { looksLikeDockerfile } from '../../../../models/import/dockerfile';

describe('looksLikeDockerfile', () => {
  it.each([
    'FROM alpine:3.19\n',
    '# syntax=docker/dockerfile:1\n# comment\n\nARG BASE=alpine\nARG X=1 \\\n  Y=2\nfrom ${BASE} AS build\n',
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n',
    'FROM \\\n  --platform=linux/amd64 \\\n  node:20\n',
    '\uFEFFFROM scratch\r\n',
  ])('recognizes %j', (text) => {
    expect(looksLikeDockerfile(text)).toBe(true);
  });

  it.each([
    '',
    '# only comments\n',
    'RUN make\nFROM x\n',
    'From the start, this document explains…\n',
    'From here on\n',
    'services:\n  web:\n    image: nginx\n',
    '{"FROM": "x"}',
    'FROM x\u0000',
  ])('rejects %j', (text) => {
    expect(looksLikeDockerfile(text)).toBe(false);
  });
});
