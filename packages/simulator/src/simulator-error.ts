/** Why the simulator could not start. */
export interface SimulatorError {
  readonly kind: 'invalid_options' | 'port_in_use' | 'listen_failed';
  readonly message: string;
  readonly cause?: unknown;
}

/** Builds a `SimulatorError`. */
export function simulatorError(
  kind: SimulatorError['kind'],
  message: string,
  cause?: unknown,
): SimulatorError {
  return cause === undefined ? { kind, message } : { kind, message, cause };
}
