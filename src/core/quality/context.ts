import type { Indicator } from '../indicators/index.js';
import { dec, formatValue } from '../numeric/index.js';
import type { ObservationSet } from '../observations/index.js';
import type { Period } from '../periods/index.js';
import type { Register } from '../regions/index.js';
import type { CheckCode, Evidence, Finding, QualitySettings, Severity } from './types.js';

/** What every check reads, and where it writes its findings. */
export interface CheckContext {
  indicators: ReadonlyMap<string, Indicator>;
  register: Register;
  obs: ObservationSet;
  period: Period;
  periodText: string;
  counties: ReadonlySet<string>;
  peerGroup: (region: string) => string;
  settings: QualitySettings;
  add(f: {
    region: string;
    indicator: string;
    check: CheckCode;
    severity: Severity;
    message: string;
    related?: string[];
    evidence: Evidence;
    /** For a finding that rests on other counties' values: how to say it without them. */
    peers?: PeerValues;
  }): void;
}

/** The message without other counties' values, and the evidence keys that hold them. */
export interface PeerValues {
  message: string;
  keys: string[];
}

/** Findings that rest on other counties' values, kept off the finding itself (JSON stays plain). */
export const PEER_VALUES = new WeakMap<Finding, PeerValues>();

export function makeContext(
  base: Omit<CheckContext, 'add'>,
  findings: Finding[],
  enabled: (check: CheckCode) => boolean,
): CheckContext {
  return {
    ...base,
    add(f) {
      if (!enabled(f.check)) return;
      const finding: Finding = {
        region: f.region,
        regionName: base.register.get(f.region)?.name ?? f.region,
        indicator: f.indicator,
        period: base.periodText,
        check: f.check,
        severity: f.severity,
        message: f.message,
        related: f.related ?? [],
        evidence: f.evidence,
      };
      if (f.peers) PEER_VALUES.set(finding, f.peers);
      findings.push(finding);
    },
  };
}

/** A value with its unit as a user reads it (亿元 to one decimal, counts whole). */
export function show(value: number | null, unit: string): string {
  if (value === null) return '—';
  return `${formatValue(value, unit)}${unit}`;
}

/**
 * Two values that are compared: each as formatValue shows it, unless rounding would make them
 * look equal, in which case both are shown exactly.
 */
export function showPair(a: number, b: number, unitA: string, unitB = unitA): [string, string] {
  const sa = show(a, unitA);
  const sb = show(b, unitB);
  if (formatValue(a, unitA) !== formatValue(b, unitB)) return [sa, sb];
  return [`${dec(a).toString()}${unitA}`, `${dec(b).toString()}${unitB}`];
}
