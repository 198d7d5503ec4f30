import { describe, expect, it, vi } from 'vitest';
import {
  CANCEL_BUTTON,
  DISCARD_BUTTON,
  guardClose,
  SAVE_BUTTON,
  type GuardedWindow,
} from '../../electron/main/close-guard';

function setup(response: number) {
  let onClose: ((event: { preventDefault(): void }) => void) | undefined;
  const window = {
    on: (_event: 'close', listener: (event: { preventDefault(): void }) => void) => (onClose = listener),
    close: vi.fn(() => {
      const event = { preventDefault: vi.fn() };
      onClose!(event);
      return event;
    }),
    setTitle: vi.fn(),
    setDocumentEdited: vi.fn(),
  } satisfies GuardedWindow;
  const timers: (() => void)[] = [];
  const deps = {
    showMessageBox: vi.fn(async () => ({ response })),
    sendMenuCommand: vi.fn(),
    setTimer: (callback: () => void) => timers.push(callback),
  };
  const guard = guardClose(window, deps);
  const attemptClose = () => {
    const event = { preventDefault: vi.fn() };
    onClose!(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { window, deps, guard, attemptClose, timers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('close guard', () => {
  it('closes without asking when nothing is unsaved', () => {
    const { deps, attemptClose, guard } = setup(CANCEL_BUTTON);
    guard.setDocumentState({ title: 'Shop', dirty: false });
    expect(attemptClose()).toBe(false);
    expect(deps.showMessageBox).not.toHaveBeenCalled();
  });

  it('keeps the window open on Cancel', async () => {
    const { window, deps, attemptClose, guard } = setup(CANCEL_BUTTON);
    guard.setDocumentState({ title: 'Shop', dirty: true });
    expect(attemptClose()).toBe(true);
    await settle();
    expect(deps.showMessageBox).toHaveBeenCalledTimes(1);
    expect(window.close).not.toHaveBeenCalled();
  });

  it("closes on Don't Save", async () => {
    const { window, attemptClose, guard } = setup(DISCARD_BUTTON);
    guard.setDocumentState({ title: 'Shop', dirty: true });
    attemptClose();
    await settle();
    expect(window.close).toHaveBeenCalledTimes(1);
    expect(window.close.mock.results[0]!.value.preventDefault).not.toHaveBeenCalled();
  });

  it('on Save asks the renderer to save and closes once the document is clean', async () => {
    const { window, deps, attemptClose, guard } = setup(SAVE_BUTTON);
    guard.setDocumentState({ title: 'Shop', dirty: true });
    attemptClose();
    await settle();
    expect(deps.sendMenuCommand).toHaveBeenCalledWith(window, 'save');
    expect(window.close).not.toHaveBeenCalled();
    guard.setDocumentState({ title: 'Shop', dirty: false });
    expect(window.close).toHaveBeenCalledTimes(1);
  });

  it('forgets a pending close when the save does not finish in time', async () => {
    const { window, attemptClose, guard, timers } = setup(SAVE_BUTTON);
    guard.setDocumentState({ title: 'Shop', dirty: true });
    attemptClose();
    await settle();
    timers.forEach((t) => t());
    guard.setDocumentState({ title: 'Shop', dirty: false });
    expect(window.close).not.toHaveBeenCalled();
  });

  it('shows one prompt at a time and reflects the state in the title', async () => {
    const { window, deps, attemptClose, guard } = setup(CANCEL_BUTTON);
    guard.setDocumentState({ title: 'Shop', dirty: true });
    attemptClose();
    attemptClose();
    await settle();
    expect(deps.showMessageBox).toHaveBeenCalledTimes(1);
    expect(window.setTitle).toHaveBeenLastCalledWith('Shop • — Rampart');
    expect(window.setDocumentEdited).toHaveBeenLastCalledWith(true);
  });
});
