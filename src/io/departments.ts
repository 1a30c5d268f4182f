import { readFileSync } from 'node:fs';
import { departmentNames, type DepartmentNames } from '../core/departments/index.js';
import { DATA_DIR } from './paths.js';

export const DEPARTMENTS_FILE = `${DATA_DIR}departments.json`;

let cached: DepartmentNames | undefined;

/** The shipped department alias table (data/departments.json), read once. */
export function loadDepartmentNames(): DepartmentNames {
  return (cached ??= departmentNames(
    JSON.parse(readFileSync(DEPARTMENTS_FILE, 'utf8')) as unknown,
    DEPARTMENTS_FILE,
  ));
}
