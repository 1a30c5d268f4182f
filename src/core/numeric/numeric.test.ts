import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Decimal,
  dec,
  formatNumber,
  formatSigned,
  formatValue,
  num,
  round,
  withoutFloatNoise,
} from './index.js';

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

describe('num: back to a number, the same as parsing the printed digits', () => {
  // The reference: the decimal's own digits parsed by JavaScript, independently of num's shortcut.
  const parsed = (d: ReturnType<typeof dec>) => Number(d.valueOf()); // valueOf keeps -0
  const decimalText = fc
    .tuple(
      fc.boolean(),
      fc.bigInt({ min: 0n, max: 10n ** 20n }),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: -30, max: 30 }),
    )
    .map(([neg, digits, places, shift]) => {
      const s = digits.toString().padStart(places + 1, '0');
      const text = places ? `${s.slice(0, -places)}.${s.slice(-places)}` : s;
      return `${neg ? '-' : ''}${text}e${shift}`;
    });

  it('for decimals of any length and exponent', () => {
    fc.assert(
      fc.property(decimalText, (t) => Object.is(num(dec(t)), parsed(dec(t)))),
      { numRuns: 20000 },
    );
  });

  it('for differences, quotients and products of values at the data precision', () => {
    const value = fc
      .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }))
      .map(([n, places]) => n / 10 ** places);
    fc.assert(
      fc.property(value, value, (a, b) => {
        const results = [dec(a).minus(b), dec(a).plus(b), dec(a).times(b)];
        if (b !== 0) results.push(dec(a).div(b));
        return results.every((d) => Object.is(num(d), parsed(d)));
      }),
      { numRuns: 20000 },
    );
  });

  it('at the edges of the shortcut', () => {
    for (const t of [
      '0',
      '-0',
      '12.2',
      '0.5',
      '9007199254740991',
      '9007199254740993',
      '1e22',
      '1e23',
      '123e-22',
      '123e-25',
      '1.7976931348623157e308',
      '5e-324',
      '1e-400',
    ])
      expect(Object.is(num(dec(t)), parsed(dec(t))), t).toBe(true);
    expect(num(dec(12.2).minus(11.7))).toBe(0.5);
    expect(Object.is(num(dec(0).neg()), -0)).toBe(true);
  });
});

describe('dec: a number enters exactly as its shortest text', () => {
  // decimal.js's own construction is the reference: the same sign, exponent and digit limbs.
  const fields = (d: ReturnType<typeof dec>) => {
    const { s, e, d: digits } = d as unknown as { s: number; e: number; d: number[] };
    return { s, e, digits: [...digits] };
  };
  const same = (v: number) => {
    expect(fields(dec(v)), String(v)).toEqual(fields(new Decimal(v)));
    expect(dec(v).toString()).toBe(new Decimal(String(v)).toString());
  };

  it('for values at the data precision', () => {
    const value = fc
      .tuple(fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), fc.integer({ min: 0, max: 15 }))
      .map(([n, places]) => n / 10 ** places);
    fc.assert(
      fc.property(value, (v) => same(v) === undefined),
      { numRuns: 20000 },
    );
  });

  it('for any double, and for sums with binary noise', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (v) => same(v) === undefined,
      ),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 12 }),
        (v, k) => same(Math.round(v * 10 ** k) / 10 ** k + 0.1) === undefined,
      ),
      { numRuns: 20000 },
    );
  });

  it('at the edges of the shortcut', () => {
    for (const v of [
      0.1 + 0.2,
      12.2,
      0.5,
      1e-7,
      9.99e-8,
      1e15 - 1,
      1e15,
      2 ** 50 / 1e3,
      1e7,
      1e7 + 0.5,
      1234567.8901234,
      0.15,
      -0.15,
      123456789012.345,
    ])
      same(v);
    expect(num(dec(12.2).minus(11.7))).toBe(0.5);
  });
});

describe('gaps are shown signed, rounded once', () => {
  it('prints +0.2, a true minus for −0.2 and no sign for zero', () => {
    expect(formatSigned(0.2, '%')).toBe('+0.2');
    expect(formatSigned(-0.25, '%')).toBe('\u22120.3');
    expect(formatSigned(-0.04, '%')).toBe('0.0');
    expect(formatSigned(3, '个')).toBe('+3');
    expect(formatSigned(null, '%')).toBe('—');
  });
});
