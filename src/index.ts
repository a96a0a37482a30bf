/**
 * zhkg library entry point. Each area exports its public API here, one line per module.
 */
export * from './types.js';
