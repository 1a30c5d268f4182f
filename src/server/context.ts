/** Reference data every request reads: the same loader as the CLI's (services/reference). */
export { loadReference, type Reference } from '../services/reference.js';
