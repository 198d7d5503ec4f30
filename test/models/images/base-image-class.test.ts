import { describe, expect, it } from 'vitest';
import { classifyBaseImage } from '../../../models/images/base-image-class';
import { parseImageReference } from '../../../models/images/image-reference';

describe('classifyBaseImage', () => {
  it.each([
    ['scratch', 'scratch'],
    ['gcr.io/distroless/static-debian12:nonroot', 'distroless'],
    ['gcr.io/distroless/java21@sha256:0123abcd', 'distroless'],
    ['cgr.dev/chainguard/static:latest', 'distroless'],
    ['ubuntu/dotnet-runtime:8.0-24.04_chiseled', 'distroless'],
    ['cgr.dev/chainguard/python:latest-dev', 'minimal'],
    ['cgr.dev/chainguard/wolfi-base', 'minimal'],
    ['alpine', 'minimal'],
    ['alpine:3.19', 'minimal'],
    ['docker.io/library/busybox:1.36', 'minimal'],
    ['python:3.12-slim', 'minimal'],
    ['python:3.12-slim-bookworm', 'minimal'],
    ['debian:bookworm-slim', 'minimal'],
    ['node:20-alpine', 'minimal'],
    ['golang:alpine', 'minimal'],
    ['maven:3.8-openjdk-17-slim', 'minimal'],
    ['registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'minimal'],
    ['registry.access.redhat.com/ubi9/ubi-micro', 'minimal'],
    ['mcr.microsoft.com/windows/nanoserver:ltsc2022', 'minimal'],
    ['ubuntu:24.04', 'full-os'],
    ['debian', 'full-os'],
    ['centos:7', 'full-os'],
    ['fedora:rawhide', 'full-os'],
    ['rockylinux:9', 'full-os'],
    ['almalinux:9', 'full-os'],
    ['amazonlinux:2', 'full-os'],
    ['opensuse/leap:15.6', 'full-os'],
    ['registry.access.redhat.com/ubi9/ubi:9.4', 'full-os'],
    ['node:20', 'full-os'],
    ['localhost:5000/node:20', 'full-os'],
    ['python:3.12', 'full-os'],
    ['golang:1.22', 'full-os'],
    ['openjdk:17', 'full-os'],
    ['mcr.microsoft.com/dotnet/sdk:8.0', 'full-os'],
    ['mcr.microsoft.com/windows/servercore:ltsc2022', 'full-os'],
    ['nginx:1.27', 'unknown'],
    ['mycompany/base', 'unknown'],
    ['${BASE_IMAGE}', 'unknown'],
    ['', 'unknown'],
  ])('%s is %s', (ref, expected) => {
    expect(classifyBaseImage(ref)).toBe(expected);
  });

  it('parses references with a registry port, tag and digest', () => {
    expect(parseImageReference('localhost:5000/team/app:1.2@sha256:abc')).toEqual({
      repository: 'team/app',
      name: 'app',
      tag: '1.2',
      digest: 'sha256:abc',
    });
    expect(parseImageReference('team/app')).toEqual({ repository: 'team/app', name: 'app' });
  });
});
