import { readFileSync } from 'node:fs';
import { industryNames, type IndustryNames } from '../core/industries/names.js';
import { DATA_DIR } from './paths.js';

export const INDUSTRIES_FILE = `${DATA_DIR}industries.json`;

let cached: IndustryNames | undefined;

/** The shipped industry name table (data/industries.json), read once. */
export function loadIndustryNames(): IndustryNames {
  return (cached ??= industryNames(
    JSON.parse(readFileSync(INDUSTRIES_FILE, 'utf8')) as unknown,
    INDUSTRIES_FILE,
  ));
}
