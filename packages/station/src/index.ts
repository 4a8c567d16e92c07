// @sandogh/station: the branch station (issue 5, docs/STATION.md).
export * from './config/package.js';
export * from './print/printouts.js';
export * from './reports/signReport.js';
export * from './server.js';
export * from './station.js';
export * from './store/stationStore.js';
export * from './sync/outbox.js';
export * from './voting/cards.js';
export * from './voting/device.js';
export * from './voting/machine.js';
export * from './voting/prompts.js';
export * from './voting/provisional.js';
export * from './pollbook/index.js';
export * from './training/index.js';
export * from './status/selfTest.js';
export * from './status/report.js';
