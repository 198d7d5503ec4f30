/**
 * Runs `work` when the browser is idle: no input to handle and no frame to render soon. For
 * housekeeping that blocks the page for a noticeable moment but can wait (moving an evaluation's
 * diagrams to a fresh manager), so it does not fall inside the next interaction instead. Outside
 * a browser (tests) the work runs from a timer.
 */
export function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work());
  else setTimeout(work, 0);
}
