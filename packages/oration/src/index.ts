export type { OrationResult } from './convert-oration-job';
export type { OrationCustomer, OrationCustomerBatchInput } from './convert-to-oration-request';
export type { KnownOrationStatus } from './map-oration-status';
export {
  createOration,
  type OrationClient,
  type OrationJobResult,
  type OrationOperation,
} from './oration-client';
export { orationFactory } from './oration-factory';
export type { OrationSettings } from './oration-settings';
