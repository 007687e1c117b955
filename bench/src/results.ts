import type { BenchConfig } from './config';
import type { PopulationCheck, S1ContenderResult } from './scenarios/s1-analysis';
import type { CurveComparison, KindComparison, PeerComparison } from './scenarios/s1-compare';
import type { S2ContenderResult } from './scenarios/s2-analysis';
import type { S3VariantResult } from './scenarios/s3-cpu';
import type { S4Row } from './scenarios/s4-memory';
import type { TargetLine } from './targets';

/** Where and when the numbers were taken: a loaded machine adds to every delay, the oracle's included. */
export interface BenchEnvironment {
  readonly node: string;
  readonly platform: string;
  readonly cpus: number;
  readonly loadAverageAtStart: readonly number[];
  readonly loadAverageAtEnd: readonly number[];
}

/** Everything `bench/results.json` holds. */
export interface BenchResults {
  readonly generatedAt: string;
  readonly mode: BenchConfig['mode'];
  readonly environment: BenchEnvironment;
  readonly wallSeconds: number;
  readonly s1?: {
    readonly config: BenchConfig['s1'];
    readonly population: PopulationCheck;
    readonly contenders: readonly S1ContenderResult[];
    readonly curve: readonly CurveComparison[];
    readonly peers: readonly PeerComparison[];
    readonly byKind: readonly KindComparison[];
  };
  readonly s2?: { readonly config: BenchConfig['s2']; readonly contenders: readonly S2ContenderResult[] };
  readonly s3?: { readonly config: BenchConfig['s3']; readonly variants: readonly S3VariantResult[] };
  readonly s4?: { readonly config: BenchConfig['s4']; readonly rows: readonly S4Row[] };
  readonly targets: readonly TargetLine[];
}
