export * from './tables.js';
export * from './password.js';
export * from './totp.js';
export * from './accounts.js';
export * from './sessions.js';
export * from './login.js';
export * from './admin.js';
export * from './issue.js';
