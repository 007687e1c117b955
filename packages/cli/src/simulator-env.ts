import type { RunningSimulator } from '@asyncjob/simulator';

/**
 * The environment lines that point the CLI (or any program using `configFromEnv`) at a running simulator. The
 * keys are the simulator's public test keys, not secrets.
 */
export function simulatorEnvLines(simulator: Pick<RunningSimulator, 'baseUrls' | 'keys'>): string[] {
  const oration = simulator.keys.oration[0];
  const lines: [string, string | undefined][] = [
    ['REVOR_BASE_URL', simulator.baseUrls.revor],
    ['REVOR_API_KEY', simulator.keys.revor[0]],
    ['OUTX_BASE_URL', simulator.baseUrls.outx],
    ['OUTX_API_KEY', simulator.keys.outx[0]],
    ['ORATION_BASE_URL', simulator.baseUrls.oration],
    ['ORATION_API_KEY', oration?.apiKey],
    ['ORATION_WORKSPACE_SLUG', oration?.workspaceSlug],
    ['REVKEEN_BASE_URL', simulator.baseUrls.revkeen],
    ['REVKEEN_API_KEY', simulator.keys.revkeen[0]],
  ];
  return lines.filter(([, value]) => value !== undefined).map(([name, value]) => `export ${name}=${value}`);
}

/** The same settings as a map, for in-process use (the demo and tests). */
export function simulatorEnv(simulator: Pick<RunningSimulator, 'baseUrls' | 'keys'>): Record<string, string> {
  return Object.fromEntries(
    simulatorEnvLines(simulator).map((line) => {
      const [name, ...value] = line.replace(/^export /, '').split('=');
      return [name as string, value.join('=')];
    }),
  );
}
