export * from './schema.js';
export * from './prepare.js';
export * from './official.js';
