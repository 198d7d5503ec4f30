import type { HostBridge } from '../platform/host-bridge';
import { selectHostBridge } from '../platform/select-bridge';
import type { Workspace } from '../state/workspace';
import { ExportController } from './export-controller';
import { workerEngine, type WorkerLike } from './export-engine';
import { rasterizeSvg } from './rasterize-svg';

const controllers = new WeakMap<Workspace, ExportController>();

/** The module worker that derives and renders exports (bundled by Vite as its own file). */
function startWorker(): WorkerLike {
  return new Worker(new URL('./export-worker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as WorkerLike;
}

/** The export controller of the app's workspace, made on first use with the host's bridge. */
export function exportsOf(workspace: Workspace, bridge?: HostBridge): ExportController {
  let controller = controllers.get(workspace);
  if (!controller) {
    controller = new ExportController(workspace, bridge ?? selectHostBridge(), {
      engine: workerEngine(startWorker),
      rasterize: (svg, width, height) => rasterizeSvg(svg, width, height),
    });
    controllers.set(workspace, controller);
  }
  return controller;
}
