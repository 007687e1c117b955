export type { OutxResult } from './convert-outx-job';
export type {
  OutxConnectionSortType,
  OutxFetchConnectionsInput,
  OutxFetchProfileInput,
  OutxLikePostInput,
  OutxOperation,
  OutxOperationInputs,
  OutxSearchProfilesInput,
  OutxSendConnectionRequestInput,
  OutxSendMessageInput,
} from './convert-to-outx-request';
export type { KnownOutxStatus } from './map-outx-status';
export { createOutx, type OutxClient } from './outx-client';
export type { OutxErrorCode } from './outx-error';
export { outxFactory } from './outx-factory';
export type { OutxSettings } from './outx-settings';
