export * from './schema.js';
export * from './prepare.js';
export * from './catalogue.js';
export * from './official.js';
export * from './reporting.js';
