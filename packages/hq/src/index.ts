export * from './config.js';
export * from './context.js';
export * from './server.js';
export * from './start.js';
export { problemBody, sendProblems } from './plugins/problems.js';
export {
  cryptoManifestFromDefinition,
  boardMembersOf,
  type BoardChoice,
} from './ceremony/manifest.js';
export {
  announcementBody,
  commitmentBody,
  complaintBody,
  manifestBody,
  PARTIAL_FORMAT,
  partialFileBody,
  shareBody,
  type PartialFile,
} from './ceremony/schemas.js';
export { pickListFor } from './logistics/read.js';
export { buildBranchPackage, resolvePackageKey } from './devices/package.js';
export { deviceReadinessNow, zoneHqExists } from './devices/readiness.js';
export {
  branchExists,
  branchStaffingView,
  speedView,
  zoneMobileView,
  zoneSpeedView,
  zoneStaffingView,
  type BranchStaffingView,
  type ItineraryView,
  type SpeedView,
  type ZoneSpeedView,
  type ZoneStaffingView,
} from './staffing/views.js';
