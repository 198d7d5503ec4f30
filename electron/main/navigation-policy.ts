import { isAppUrl } from '../shared/app-origin';
import { isSafeExternal } from './external-links';

/** The parts of `webContents` the navigation policy hooks into. */
export interface NavigableContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: NavigationListener): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface PreventableEvent {
  preventDefault(): void;
}

export type NavigationListener = (event: PreventableEvent & { url?: string }, url?: string) => void;

/** The parts of a session the permission policy configures. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/** The renderer never navigates away from its own origin. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * Denies navigation off the app's origin, every new window and every `<webview>`. A link to an
 * allowlisted https page is handed to the system browser instead of opening inside the app.
 */
export function applyNavigationPolicy(
  contents: NavigableContents,
  openExternal: (url: string) => void,
): void {
  const guard: NavigationListener = (event, url) => {
    const target = url ?? event.url ?? '';
    if (isAllowedNavigation(target)) return;
    event.preventDefault();
    if (isSafeExternal(target)) openExternal(target);
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternal(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** The app needs no camera, microphone, notifications, geolocation or anything else: deny all. */
export function applyPermissionPolicy(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
