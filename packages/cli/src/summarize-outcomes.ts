import type { Outcome } from './exit-code';

/** `done in 2.4s (31 requests): 3 succeeded, 1 failed, 1 error`: the closing line of a wait. */
export function summarizeOutcomes(outcomes: readonly Outcome[], elapsedMs: number, requests: number): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) {
    if (outcome.kind === 'interrupted' || outcome.kind === 'usage') continue;
    const key =
      outcome.kind === 'job' ? outcome.status : outcome.error.kind === 'poll_timeout' ? 'timed out' : 'error';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const order = ['succeeded', 'failed', 'cancelled', 'timed out', 'error'];
  const parts = [...counts.entries()]
    .sort(([a], [b]) => rank(order, a) - rank(order, b))
    .map(([key, count]) => `${count} ${key === 'error' && count > 1 ? 'errors' : key}`);
  const plural = requests === 1 ? 'request' : 'requests';
  const head = `done in ${formatSeconds(elapsedMs)} (${requests} ${plural})`;
  return parts.length > 0 ? `${head}: ${parts.join(', ')}` : head;
}

/** Milliseconds as seconds with one decimal: `2.4s`. */
export function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)}s`;
}

function rank(order: readonly string[], key: string): number {
  const index = order.indexOf(key);
  return index === -1 ? order.length : index;
}
