import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Indicator } from '../../src/core/indicators/index.js';
import { indicatorSchema } from '../../src/core/plans/schema.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export function readText(path: string): string {
  return readFileSync(root + path, 'utf8');
}

export function readJson(path: string): unknown {
  return JSON.parse(readText(path));
}

export function loadIndicators(): Indicator[] {
  const file = readJson('plans/indicators.json') as { indicators: unknown[] };
  return file.indicators.map((i) => indicatorSchema.parse(i));
}
