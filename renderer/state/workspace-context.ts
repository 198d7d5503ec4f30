import { getContext } from 'svelte';
import type { Workspace } from './workspace';

/** Key under which the app's one workspace is provided to every component. */
export const WORKSPACE_CONTEXT = Symbol('rampart.workspace');

/** The workspace of the running app (components call this during initialisation). */
export function useWorkspace(): Workspace {
  return getContext<Workspace>(WORKSPACE_CONTEXT);
}
