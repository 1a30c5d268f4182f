import { fileURLToPath } from 'node:url';

/** The repository root, from src/io or dist/io alike. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DATA_DIR = `${ROOT}data/`;
export const PLANS_DIR = `${ROOT}plans/`;
