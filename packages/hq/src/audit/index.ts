export { auditActorOf, setAuditActor } from './actor.js';
export { openHqAudit, type AuditRecord, type HqAudit, type HqAuditOptions } from './recorder.js';
export { auditRoutes } from './routes.js';
