export type {
  RevkeenApproval,
  RevkeenResult,
  RevkeenRunPage,
  RevkeenStep,
} from './convert-revkeen-job';
export type {
  RevkeenListRunsQuery,
  RevkeenOperation,
  RevkeenRejectInput,
  RevkeenRunInput,
  RevkeenRunOperationInput,
} from './convert-to-revkeen-request';
export { createRevkeen, type RevkeenClient } from './revkeen-client';
export { revkeenFactory } from './revkeen-factory';
export type { RevkeenMode, RevkeenSettings } from './revkeen-settings';
