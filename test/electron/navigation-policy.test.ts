import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  applyNavigationPolicy,
  applyPermissionPolicy,
  isAllowedNavigation,
  type NavigableContents,
  type NavigationListener,
} from '../../electron/main/navigation-policy';

function fakeContents() {
  const listeners = new Map<string, ((...args: never[]) => void)[]>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: NavigableContents = {
    on(event: string, listener: (...args: never[]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  const emitNavigation = (event: string, url: string, style: 'argument' | 'details' = 'argument') => {
    const preventDefault = vi.fn();
    for (const listener of listeners.get(event) ?? []) {
      const navigate = listener as NavigationListener;
      if (style === 'argument') navigate({ preventDefault, url }, url);
      else navigate({ preventDefault, url });
    }
    return preventDefault.mock.calls.length > 0;
  };
  return {
    contents,
    listeners,
    emitNavigation,
    open: (url: string) => openHandler!({ url }),
  };
}

const appUrls = [
  'app://bundle/index.html',
  'app://bundle/',
  'app://bundle/index.html#/model/1',
  'APP://BUNDLE/x',
];
const foreignUrls = [
  'https://github.com/',
  'http://127.0.0.1:4173/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,hi',
  'app://other/index.html',
  'app://bundle.evil/index.html',
  'app://bundle:8080/index.html',
  'app://bundle@evil/index.html',
  'app://evil@bundle/index.html',
  'about:blank',
  'chrome://gpu',
  'devtools://devtools/bundled/inspector.html',
  'not a url',
];

describe('navigation policy', () => {
  it.each(appUrls)('lets the app navigate within its origin: %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
    const fake = fakeContents();
    applyNavigationPolicy(fake.contents, vi.fn());
    expect(fake.emitNavigation('will-navigate', url)).toBe(false);
  });

  it.each(foreignUrls)('blocks navigation, frame navigation and redirects to %s', (url) => {
    const fake = fakeContents();
    const openExternal = vi.fn();
    applyNavigationPolicy(fake.contents, openExternal);
    expect(fake.emitNavigation('will-navigate', url)).toBe(true);
    expect(fake.emitNavigation('will-redirect', url)).toBe(true);
    expect(fake.emitNavigation('will-frame-navigate', url, 'details')).toBe(true);
  });

  it('hands only allowlisted https links to the system browser', () => {
    const fake = fakeContents();
    const openExternal = vi.fn();
    applyNavigationPolicy(fake.contents, openExternal);
    fake.emitNavigation('will-navigate', 'https://github.com/');
    fake.emitNavigation('will-navigate', 'https://github.com.evil.example/');
    fake.emitNavigation('will-navigate', 'file:///etc/passwd');
    expect(openExternal.mock.calls).toEqual([['https://github.com/']]);
  });

  it('denies every new window, opening only allowlisted links externally', () => {
    const fake = fakeContents();
    const openExternal = vi.fn();
    applyNavigationPolicy(fake.contents, openExternal);
    for (const url of [...appUrls, ...foreignUrls]) expect(fake.open(url)).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://github.com/']]);
  });

  it('refuses to attach any webview', () => {
    const fake = fakeContents();
    applyNavigationPolicy(fake.contents, vi.fn());
    const preventDefault = vi.fn();
    for (const listener of fake.listeners.get('will-attach-webview') ?? [])
      (listener as (event: { preventDefault(): void }) => void)({ preventDefault });
    expect(preventDefault).toHaveBeenCalledTimes(1);
  });

  it('never allows a URL whose scheme is not app: (property)', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['http', 'https', 'file', 'ftp', 'ws'] }),
        (url) => !isAllowedNavigation(url),
      ),
    );
  });

  it('never allows another host on the app scheme (property)', () => {
    fc.assert(
      fc.property(fc.domain(), fc.webPath(), (host, path) =>
        host === 'bundle' ? true : !isAllowedNavigation(`app://${host}${path}`),
      ),
    );
  });
});

describe('permission policy', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'fullscreen',
    'openExternal',
    'hid',
    'serial',
  ])('denies %s requests and checks', (permission) => {
    let request:
      ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((wc: unknown, permission: string) => boolean) | undefined;
    applyPermissionPolicy({
      setPermissionRequestHandler: (handler) => (request = handler),
      setPermissionCheckHandler: (handler) => (check = handler),
    });
    const callback = vi.fn();
    request!({}, permission, callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check!({}, permission)).toBe(false);
  });
});
