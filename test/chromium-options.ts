/** How every Chromium of the end-to-end tests and the browser benches is started: Debian's build
 * (`CHROMIUM_PATH` overrides), without GPU, background networking, component updates or sync, so
 * that runs are quiet and repeatable. */
export const CHROMIUM_OPTIONS = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
