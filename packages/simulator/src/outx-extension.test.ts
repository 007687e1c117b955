import { describe, expect, it } from 'vitest';
import {
  ALWAYS_ACTIVE_EXTENSION,
  EXTENSION_HEARTBEAT_WINDOW_MS,
  type ExtensionState,
  extensionCompletionTime,
  isExtensionAvailable,
  setExtensionRunning,
} from './outx-extension';

// Stopped at 100, running again from 300 to 400, stopped since.
const toggled: ExtensionState = [
  [false, 100],
  [true, 300],
  [false, 400],
].reduce<ExtensionState>(
  (state, [active, at]) => setExtensionRunning(state, active as boolean, at as number),
  ALWAYS_ACTIVE_EXTENSION,
);

describe('extensionCompletionTime', () => {
  it.each([
    ['always active', ALWAYS_ACTIVE_EXTENSION, 0, 50, 50],
    ['finishes before the stop', toggled, 0, 60, 60],
    ['pauses while stopped', toggled, 50, 100, 350],
    ['no work needed waits for the next run', toggled, 150, 0, 300],
    ['not enough running time left', toggled, 50, 200, null],
    ['created while stopped for good', toggled, 500, 1, null],
  ])('%s', (_name, state, fromMs, workMs, expected) => {
    expect(extensionCompletionTime(state, fromMs, workMs)).toBe(expected);
  });

  it('keeps earlier completions when the extension restarts', () => {
    const restarted = setExtensionRunning(toggled, true, 1000);
    expect(extensionCompletionTime(restarted, 0, 60)).toBe(60);
    expect(extensionCompletionTime(restarted, 50, 200)).toBe(1050);
  });
});

describe('isExtensionAvailable', () => {
  it.each([
    ['running', ALWAYS_ACTIVE_EXTENSION, 10, true],
    ['stopped recently', toggled, 400 + EXTENSION_HEARTBEAT_WINDOW_MS, true],
    ['silent for more than 48 h', toggled, 401 + EXTENSION_HEARTBEAT_WINDOW_MS, false],
    ['uninstalled', { ...ALWAYS_ACTIVE_EXTENSION, installed: false }, 10, false],
  ])('%s → %s', (_name, state, nowMs, expected) => {
    expect(isExtensionAvailable(state, nowMs)).toBe(expected);
  });

  it('ignores a repeated switch', () => {
    expect(setExtensionRunning(ALWAYS_ACTIVE_EXTENSION, true, 5)).toBe(ALWAYS_ACTIVE_EXTENSION);
    const stopped = setExtensionRunning(ALWAYS_ACTIVE_EXTENSION, false, 5);
    expect(setExtensionRunning(stopped, false, 9)).toBe(stopped);
  });
});
