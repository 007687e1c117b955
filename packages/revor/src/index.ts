export type {
  RevorAccount,
  RevorAccountStatus,
  RevorChannel,
  RevorResolvedAction,
  RevorResult,
  RevorResultStatus,
  RevorTaskAction,
} from './convert-revor-job';
export type {
  RevorAccountsFilter,
  RevorAttachment,
  RevorDispatchInput,
  RevorEmailDispatchInput,
  RevorLinkedinDispatchInput,
  RevorPostLikeInput,
  RevorWhatsappDispatchInput,
} from './convert-to-revor-request';
export type { KnownRevorStatus, RevorStatus } from './map-revor-status';
export type { RevorApiVersion } from './revor-api';
export { createRevor, type RevorClient, type RevorOperation } from './revor-client';
export { revorFactory } from './revor-factory';
export type { RevorAuthScheme, RevorSettings } from './revor-settings';
