import type { Contender } from './contender';
import { fixedIntervalContender } from './fixed-interval';
import { oracleContender } from './oracle';
import { smithyWaiterContender } from './smithy-waiter';
import { trackerContender } from './tracker';
import { waitForJobContender } from './wait-for-job';

/** OutX's documented polling advice, the fixed-interval peer's default. */
export const OUTX_ADVICE_MS = 5_000;

/** A contender by name and settings, as plain data: each one runs in its own process, built from this. */
export type ContenderSpec =
  | { readonly kind: 'tracker' | 'waitForJob' | 'smithy' | 'oracle' }
  | { readonly kind: 'fixed'; readonly intervalMs: number };

export function createContender(spec: ContenderSpec): Contender {
  switch (spec.kind) {
    case 'tracker':
      return trackerContender;
    case 'waitForJob':
      return waitForJobContender;
    case 'smithy':
      return smithyWaiterContender;
    case 'oracle':
      return oracleContender;
    case 'fixed':
      return fixedIntervalContender(spec.intervalMs, spec.intervalMs === OUTX_ADVICE_MS ? 'peer' : 'curve');
  }
}

/** Our pollers and the peers at their defaults. */
export const HEADLINE_CONTENDERS: readonly ContenderSpec[] = [
  { kind: 'tracker' },
  { kind: 'waitForJob' },
  { kind: 'smithy' },
  { kind: 'fixed', intervalMs: OUTX_ADVICE_MS },
];

/** Every S1 contender: the headline ones, the oracle, and the rest of the fixed-interval curve. */
export function s1Contenders(fixedIntervalsMs: readonly number[]): ContenderSpec[] {
  return [
    ...HEADLINE_CONTENDERS,
    { kind: 'oracle' },
    ...fixedIntervalsMs
      .filter((intervalMs) => intervalMs !== OUTX_ADVICE_MS)
      .map((intervalMs) => ({ kind: 'fixed' as const, intervalMs })),
  ];
}
