export { access, type AccessPluginOptions } from './plugin.js';
export { sessionRoutes } from './sessionRoutes.js';
export { staffRoutes } from './staffRoutes.js';
export { recordAccessEvent, type AccessEvent, type AuditTap } from './auditPort.js';
export { csrfTokenFor, CSRF_HEADER } from './credentials.js';
export { accessSettings, type AccessSettings } from './settings.js';
export type {
  AccessControl,
  ObjectLocator,
  RegisteredRoute,
  RequestAccess,
  SignedIn,
} from './routeConfig.js';
