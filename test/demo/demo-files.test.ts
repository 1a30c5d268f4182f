import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/core/demo/index.js';
import { catalogue } from '../../src/core/indicators/index.js';
import { formatValue, writeDemo } from '../../src/io/demo-files.js';
import { parseObservations } from '../../src/io/observations.js';
import { loadIndicators } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { tempDir } from '../helpers.js';

const register = loadRegister();
const indicators = loadIndicators();

describe('formatValue', () => {
  it('prints numbers without float noise', () => {
    expect(formatValue(12.299999999999999)).toBe('12.3');
    expect(formatValue(0.1 + 0.2)).toBe('0.3');
    expect(formatValue(-3.4)).toBe('-3.4');
    expect(formatValue(520)).toBe('520');
    expect(formatValue(1e-7)).toBe('0');
    expect(formatValue(null)).toBe('');
  });
});

describe('writeDemo', () => {
  it('writes province-scale observations and attributes, each marked synthetic', () => {
    const result = generateDemo({ seed: 5, scale: 'province', register, indicators });
    const dir = tempDir('leitai-demo-');
    const files = writeDemo(result, join(dir, 'demo.csv'));
    expect(files).toEqual({
      observationsFile: join(dir, 'demo.csv'),
      attributesFile: join(dir, 'demo.attributes.csv'),
    });
    const text = readFileSync(files.observationsFile, 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^# 合成演示数据.*synthetic demo data.*seed=5/);
    expect(lines[1]).toBe('region,indicator,period,value');
    expect(lines.length).toBe(result.observations.length + 2);
    for (const line of lines.slice(2))
      expect(line).toMatch(/^\d{6},[a-z0-9_]+,[\d-]+,-?\d+(\.\d{1,2})?$/);

    const back = parseObservations(text, files.observationsFile, {
      register,
      indicators: catalogue(indicators),
    });
    expect(back.map((o) => o.value)).toEqual(result.observations.map((o) => o.value));

    const attrs = readFileSync(files.attributesFile, 'utf8').trimEnd().split('\n');
    expect(attrs[0]).toMatch(/^# 合成演示数据/);
    expect(attrs[1]).toBe('code,eco_zone,scenic_4a,heritage_area');
    expect(attrs.length).toBe(67 + 2);
    const withAttrs = loadRegister({ attributeFiles: [files.attributesFile] });
    expect(withAttrs.get('230183')?.attributes.eco_zone).toBeTypeOf('boolean');
  });

  it('writes the national files quickly, with a synthetic register that loads', () => {
    const result = generateDemo({ seed: 5, scale: 'national', register, indicators });
    const dir = tempDir('leitai-demo-');
    const t0 = performance.now();
    const files = writeDemo(result, join(dir, 'national.csv'));
    const elapsed = performance.now() - t0;
    expect(files.regionsFile).toBe(join(dir, 'national.regions.csv'));
    expect(elapsed).toBeLessThan(5000);
    const regions = readFileSync(files.regionsFile!, 'utf8').split('\n');
    expect(regions[0]).toMatch(/^# 合成演示数据/);
    expect(regions[1]).toBe('code,name,level,parent_code,kind,border,eco_zone');
    const full = loadRegister({
      regionFiles: [files.regionsFile!],
      attributeFiles: [files.attributesFile],
    });
    expect(full.children('910000').length).toBeGreaterThan(0);
    const county = [...full.regions.values()].find(
      (r) => r.code.startsWith('9') && r.level === 'county',
    )!;
    expect(county.name).toMatch(/^合成/);
    expect(county.attributes.scenic_4a).toBeTypeOf('boolean');
    const rows = readFileSync(files.observationsFile, 'utf8').trimEnd().split('\n').length - 2;
    expect(rows).toBe(result.observations.length);
  });
});
