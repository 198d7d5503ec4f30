import { describe, expect, it } from 'vitest';
import { imageDefaultUser } from '../../../models/images/image-default-user';

describe('imageDefaultUser', () => {
  it.each([
    ['postgres:16', 0],
    ['docker.io/library/nginx:1.27', 0],
    ['scratch', 0],
    ['gcr.io/distroless/static-debian12:nonroot', 65532],
    ['cgr.dev/chainguard/static:latest', 65532],
    ['bitnami/postgresql:16', 1001],
    ['docker.io/bitnami/redis:7.2', 1001],
    ['prom/prometheus:v2.53.0', 65534],
    ['grafana/grafana:11.1.0', 472],
    ['nginxinc/nginx-unprivileged:1.27', 101],
  ])('%s runs as uid %i', (image, uid) => {
    expect(imageDefaultUser(image)?.uid).toBe(uid);
  });

  it.each(['registry.example.com/team/api:1.2', 'gcr.io/distroless/static-debian12', 'mycorp/base'])(
    'knows nothing about %s',
    (image) => {
      expect(imageDefaultUser(image)).toBeUndefined();
    },
  );
});
