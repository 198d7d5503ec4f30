import { modelFromImport } from '../../../models/model/create-model';
import type { ModelLayout, ThreatModel } from '../../../models/model/threat-model';
import { layoutMissing } from '../../../renderer/state/workspace';

/** A small system: a web service behind a published port, a database, one privileged agent. */
export const COMPOSE = `name: shop
services:
  web:
    image: example/web:1.0
    ports: ["8080:80"]
    depends_on: [db]
    environment:
      DATABASE_URL: postgres://db:5432/shop
  db:
    image: postgres:16
    volumes: ["data:/var/lib/postgresql/data"]
  agent:
    image: example/agent:1.0
    privileged: true
    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
volumes:
  data: {}
`;

export function smallModel(): { model: ThreatModel; layout: ModelLayout } {
  let n = 0;
  const made = modelFromImport([{ path: 'compose.yaml', text: COMPOSE }], '2026-01-01T00:00:00.000Z', {
    newId: () => `id-${++n}`,
    name: 'Small shop',
  });
  return { model: made.model, layout: layoutMissing(made.model, {}) };
}
