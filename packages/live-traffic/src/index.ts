// The program itself (service.ts) is not exported: importing it would start a service. Callers run it through
// startTrafficService with TRAFFIC_SERVICE_PROGRAM.
export { TRAFFIC_SERVICE_PROGRAM, startTrafficService, type TrafficService } from './start-service.js';
export { alertIdentity } from './alert-identity.js';
export {
  Expected,
  binLabels,
  countEvents,
  eventOf,
  key,
  predictedClass,
  readCsv,
  seeded,
  sumCounts,
  trackedColumns,
  type Burst,
  type Counts,
  type EventOptions,
  type LiveEvent,
  type Phase,
  type Row,
  type TrafficSpec,
} from './traffic.js';
