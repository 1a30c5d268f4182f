import { Decimal as DecimalBase } from 'decimal.js';

/**
 * Exact arithmetic at the data's precision. Every comparison with a target and every gap a user
 * sees goes through here, so 12.2 − 11.7 is 0.5. A JS number enters through its shortest
 * round-trip text ("12.2"), never its binary expansion.
 */
export const Decimal = DecimalBase.clone({ precision: 34, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

/** Exact powers of ten as doubles: 10^0 … 10^22 (10^23 is not a double). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

export function dec(value: number | string | Decimal): Decimal {
  if (typeof value === 'string') return fromText(value);
  return (typeof value === 'number' && fromShortNumber(value)) || new Decimal(value);
}

/**
 * Texts are a plan's target values ("5", "8.5") and constants ("0.5"), read once per county and
 * row: each is parsed once. Decimals are immutable, so sharing one is safe.
 */
const texts = new Map<string, Decimal>();

function fromText(text: string): Decimal {
  let d = texts.get(text);
  if (d === undefined) {
    d = new Decimal(text);
    if (texts.size >= 4096) texts.clear(); // bounded, whatever a caller passes
    texts.set(text, d);
  }
  return d;
}

/** 2^50: below it a k-decimal number is found by rounding v·10^k (the float error stays < ¼). */
const SHORT = 2 ** 50;

/**
 * A number of the data's kind (up to 15 significant digits, at most 15 decimals) as a Decimal,
 * without printing and parsing it: the number's shortest round-trip text is the k-decimal
 * M·10^-k with the least k such that M/10^k is the number (M < 2^50 makes that M unique, and
 * rounding v·10^k finds it). The digits are laid out as decimal.js lays out the text's (its
 * documented d, e, s: base-10^7 limbs, the first holding the digits down to a multiple of 7 from
 * the decimal exponent); the tests hold this to `new Decimal(v)` field for field.
 * Undefined outside that range.
 */
function fromShortNumber(v: number): Decimal | undefined {
  const a = Math.abs(v);
  if (!(a >= 1e-7 && a < 1e15) || (a < 1e7 && a === Math.floor(a))) return undefined;
  let k = 0;
  let m = 0;
  for (; ; k++) {
    if (k > 15) return undefined;
    m = Math.round(a * POW10[k]!);
    if (m >= SHORT) return undefined;
    if (m / POW10[k]! === a) break;
  }
  const e = digitsOfInteger(m) - 1 - k;
  let len = digitsOfInteger(m);
  while (m % 10 === 0) {
    m /= 10;
    len--;
  }
  // Digits in the first limb, as decimal.js counts them from the exponent.
  let first = (e + 1) % 7;
  if (e < 0) first += 7;
  const d: number[] = [];
  if (first >= len) {
    d.push(m * POW10[first - len]!);
  } else {
    const rest = len - first;
    const chunks = Math.ceil(rest / 7);
    const pad = chunks * 7 - rest; // the last limb is filled with zeros to 7 digits
    let lowDigits = 7 - pad;
    for (let c = 0; c < chunks; c++) {
      const unit = POW10[lowDigits]!;
      const r = m % unit;
      d.push(r * POW10[7 - lowDigits]!);
      m = (m - r) / unit;
      lowDigits = 7;
    }
    if (first > 0) d.push(m);
    d.reverse();
  }
  // A Decimal made by its own constructor keeps decimal.js's object shape; then its fields are set.
  const x = new Decimal(1) as unknown as { s: number; e: number; d: number[] };
  x.s = v < 0 ? -1 : 1;
  x.e = e;
  x.d = d;
  return x as unknown as Decimal;
}

function digitsOfInteger(m: number): number {
  let n = 1;
  while (n < 23 && m >= POW10[n]!) n++;
  return n;
}

/** Digits of a limb below 10^7 (decimal.js keeps its digits in base-10^7 limbs). */
function digitsOf(limb: number): number {
  return digitsOfInteger(limb);
}

/**
 * Back to a number for output; exact decimals such as 0.5 print as 0.5. The same number as
 * `value.toNumber()` (which prints the digits and parses them), computed directly when the digits
 * form an integer M < 2^53 and the value is M·10^k with |k| ≤ 22: M and 10^|k| are then exact
 * doubles, and one IEEE multiplication or division rounds the exact value correctly, as parsing
 * does (Clinger's fast path). Gaps and values at the data's precision all take it.
 */
export function num(value: Decimal): number {
  const d = (value as unknown as { d: number[] | null }).d;
  if (!d || d.length > 3 || d[0] === 0) return value.toNumber();
  let m = d[0]!;
  let digits = digitsOf(m);
  for (let i = 1; i < d.length; i++) {
    m = m * 1e7 + d[i]!;
    digits += 7;
  }
  if (m > Number.MAX_SAFE_INTEGER) return value.toNumber();
  const k = value.e - digits + 1;
  if (k > 22 || k < -22) return value.toNumber();
  const n = k >= 0 ? m * POW10[k]! : m / POW10[-k]!;
  return value.s < 0 ? -n : n;
}

/** Sum in exact decimal arithmetic. */
export function sum(values: Iterable<number>): Decimal {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(dec(v));
  return total;
}

/**
 * 四舍五入 to `places` decimals (half away from zero). The one place numbers are rounded, and
 * only for presentation.
 */
export function round(value: number | Decimal, places: number): number {
  return new Decimal(value).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toNumber();
}

/** A number shown with exactly `places` decimals, 四舍五入 once (12.5 → "12.50" at 2). */
export function formatNumber(value: number | Decimal, places: number): string {
  return new Decimal(value).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}

/**
 * A number read from a spreadsheet or summed in floating point, without binary noise
 * (0.1 + 0.2 → 0.3): 15 significant digits, as Excel itself shows. Not a display rounding.
 */
export function withoutFloatNoise(n: number): number {
  return Number(n.toPrecision(15));
}

/** Decimal places used to present a value of this unit. */
export function placesFor(unit: string): number {
  if (['个', '户', '项', '家', '人', '人次'].includes(unit)) return 0;
  if (unit === '亿元' || unit === '亿斤' || unit === '万千瓦' || unit === '万元') return 1;
  return 1;
}

/** A value as shown to a user: rounded once, for its unit, without float noise. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  return formatNumber(value, placesFor(unit));
}

/** A gap or change as shown: signed, rounded once for its unit (+0.2, −0.2 with a true minus, 0). */
export function formatSigned(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  const text = formatNumber(Math.abs(value), placesFor(unit));
  if (Number(text) === 0) return text;
  return `${value > 0 ? '+' : '\u2212'}${text}`;
}
