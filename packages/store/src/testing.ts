/**
 * Test support for every package that touches the store: the two-engine harness and a small
 * valid definition. A separate entry point (`@sandogh/store/testing`) so that production code
 * never pulls in vitest.
 */
export * from './testing/engines.js';
export * from './testing/tinyDefinition.js';
export * from './pollbook/testSupport.js';
