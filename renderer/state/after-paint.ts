/**
 * Runs `work` right after the browser has rendered the frame that shows what the current task
 * changed: a frame callback runs before that frame's rendering, a task queued from it after. So
 * work that can wait a frame (an autosave write, an attack list) does not hold up the repaint.
 *
 * A hidden page runs no frame callbacks; `fallbackMs` then runs the work from a timer (callers
 * must tolerate being called twice). Outside a browser (tests), the work runs in the next task.
 */
export function afterPaint(work: () => void, fallbackMs?: number): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(work, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(work, 0));
  if (fallbackMs !== undefined) setTimeout(work, fallbackMs);
}
