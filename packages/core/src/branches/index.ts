export * from './lifecycle.js';
export * from './configPackage.js';
