import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { err, errAsync, ok, type Result, ResultAsync } from 'neverthrow';
import {
  REVOR_V2_BASE_PATH,
  SIMULATED_VENDORS,
  type SimulatedVendor,
  VENDOR_BASE_PATHS,
} from './simulated-vendor';
import { createSimulatorCore, type SimulatorControl } from './simulator-core';
import { type SimulatorError, simulatorError } from './simulator-error';
import {
  type ResolvedSimulatorOptions,
  resolveSimulatorOptions,
  type SimulatorAutomation,
  type SimulatorKeys,
  type SimulatorOptions,
} from './simulator-options';
import type { SimulatorStats } from './stats';

/** `stats()` returns a snapshot of the counts; `stats.reset()` sets them back to zero. */
export interface SimulatorStatsReader {
  (): SimulatorStats;
  reset(): void;
}

/** A simulator listening on 127.0.0.1. */
export interface RunningSimulator {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** The seed in use; pass it back as `seed` to replay a run. */
  readonly seed: number;
  /** Each vendor's base URL, to use as an adapter's `baseUrl`. */
  readonly baseUrls: Readonly<Record<SimulatedVendor, string>>;
  /** Revor's v2 paths over the same tasks (`/jobs/{id}` for lookups). */
  readonly revorV2BaseUrl: string;
  /** The keys the simulator accepts. */
  readonly keys: SimulatorKeys;
  /** The RevKeen automations runs can be started on. */
  readonly automations: readonly SimulatorAutomation[];
  /** Stops listening, drops every connection and pending slow response; leaves no handle behind. */
  close(): Promise<void>;
  readonly stats: SimulatorStatsReader;
  readonly control: SimulatorControl;
}

function listen(server: Server, port: number): Promise<Result<number, SimulatorError>> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const kind = error.code === 'EADDRINUSE' ? 'port_in_use' : 'listen_failed';
      const message =
        kind === 'port_in_use'
          ? `Port ${port} on 127.0.0.1 is already in use`
          : `Could not listen: ${error.message}`;
      resolve(err(simulatorError(kind, message, error)));
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(ok(typeof address === 'object' && address !== null ? address.port : port));
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

function launch(options: ResolvedSimulatorOptions): Promise<Result<RunningSimulator, SimulatorError>> {
  const core = createSimulatorCore(options);
  const server = createServer(core.pipeline.listener);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      core.pipeline.shutdown();
      // The close callback runs before libuv's close phase releases the handles; two turns later they are gone.
      server.close(() => setImmediate(() => setImmediate(resolve)));
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };

  return listen(server, options.port).then((listening) =>
    listening.map((port) => {
      const url = `http://127.0.0.1:${port}`;
      const stats = Object.assign(() => core.stats.snapshot(), { reset: () => core.stats.reset() });
      const baseUrls = Object.fromEntries(
        SIMULATED_VENDORS.map((vendor) => [vendor, `${url}${VENDOR_BASE_PATHS[vendor]}`]),
      ) as Record<SimulatedVendor, string>;
      return {
        url,
        port,
        seed: options.seed,
        baseUrls,
        revorV2BaseUrl: `${url}${REVOR_V2_BASE_PATH}`,
        keys: options.keys,
        automations: options.revkeenAutomations,
        close,
        stats,
        control: core.control,
      };
    }),
  );
}

/**
 * Starts a local HTTP server that behaves like Revor, OutX, Oration and RevKeen, each under its own base path
 * (`baseUrls`). Fails with `invalid_options`, `port_in_use` or `listen_failed`; never throws.
 */
export function startSimulator(
  options: SimulatorOptions = {},
): ResultAsync<RunningSimulator, SimulatorError> {
  const resolved = resolveSimulatorOptions(options);
  if (resolved.isErr()) return errAsync(resolved.error);
  const launched = launch(resolved.value).catch((error: unknown) =>
    err<RunningSimulator, SimulatorError>(
      simulatorError('listen_failed', 'The simulator failed to start', error),
    ),
  );
  return new ResultAsync(launched);
}
