import { describe, expect, it } from 'vitest';
import { dec, formatNumber, formatValue, num, round, withoutFloatNoise } from './index.js';

describe('numbers stay exact and are rounded once, for display', () => {
  it('keeps the data precision: 12.2 − 11.7 is 0.5', () => {
    expect(num(dec(12.2).minus(11.7))).toBe(0.5);
  });

  it('rounds half away from zero, on the decimal value (not its binary expansion)', () => {
    expect(round(1.005, 2)).toBe(1.01); // (1.005).toFixed(2) is "1.00"
    expect(round(-2.5, 0)).toBe(-3);
    expect(formatNumber(2.675, 2)).toBe('2.68');
    expect(formatNumber(12.5, 2)).toBe('12.50');
    expect(formatNumber(dec(1).div(3).times(100), 0)).toBe('33');
  });

  it('shows a value for its unit', () => {
    expect(formatValue(373.449, '亿元')).toBe('373.4');
    expect(formatValue(3.5, '户')).toBe('4');
    expect(formatValue(null, '%')).toBe('—');
  });

  it('removes float noise from a spreadsheet number without touching a real value', () => {
    expect(withoutFloatNoise(0.1 + 0.2)).toBe(0.3);
    expect(withoutFloatNoise(123456.789012)).toBe(123456.789012);
  });
});
