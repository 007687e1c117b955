export { createFleet } from './create-fleet';
export type {
  Fleet,
  FleetConnection,
  FleetErrorSource,
  FleetEvent,
  FleetOptions,
  FleetQueueCounts,
  FleetSettledJob,
  FleetTrackReceipt,
  FleetWorker,
  FleetWorkerOptions,
  FleetWorkerStats,
  SettledOptions,
} from './fleet-types';
