import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LeitaiError } from '../core/errors/index.js';
import type { Indicator } from '../core/indicators/index.js';
import { indicatorSchema, validatePlan, type Plan } from '../core/plans/index.js';
import { PLANS_DIR } from './paths.js';
import { readText } from './regions.js';

/** Parses JSON, naming the file, line and column of a syntax error. */
export function parseJsonFile(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (e) {
    // JSON.parse does not always say where; a tolerant scanner does.
    const errors: ParseError[] = [];
    parseJsonc(body, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const offset = first?.offset ?? 0;
    const before = body.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const reason = first ? printParseErrorCode(first.error) : (e as Error).message;
    throw new LeitaiError(
      'PLAN_INVALID',
      `${file}:${line}:${column}: 不是有效的 JSON (${reason})`,
      {
        file,
        line,
        column,
        reason,
      },
    );
  }
}

let builtinIndicators: Indicator[] | undefined;

/** The indicator catalogue shipped in plans/indicators.json. */
export function loadIndicators(): Indicator[] {
  if (builtinIndicators) return builtinIndicators;
  const file = `${PLANS_DIR}indicators.json`;
  const json = parseJsonFile(readFileSync(file, 'utf8'), file) as { indicators: unknown[] };
  builtinIndicators = json.indicators.map((raw, i) => {
    const r = indicatorSchema.safeParse(raw);
    if (!r.success) {
      throw new LeitaiError('PLAN_INVALID', `${file}: indicators.${i} 无效: ${r.error.message}`, {
        file,
        path: `indicators.${i}`,
        reason: r.error.message,
      });
    }
    return r.data as Indicator;
  });
  return builtinIndicators;
}

export function loadPlanFile(file: string): Plan {
  return validatePlan(parseJsonFile(readText(file), file), file);
}

const BUILTIN_IDS = ['hlj-2025', 'hlj-2026', 'hlj-2011'];

/** The built-in plans: every plans/*.json except the indicator catalogue. */
export function loadBuiltinPlans(): Plan[] {
  const files = readdirSync(PLANS_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'indicators.json')
    .sort((a, b) => {
      const ia = BUILTIN_IDS.indexOf(a.replace(/\.json$/, ''));
      const ib = BUILTIN_IDS.indexOf(b.replace(/\.json$/, ''));
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    });
  return files.map((f) => loadPlanFile(`${PLANS_DIR}${f}`));
}

export function findPlan(plans: readonly Plan[], id: string): Plan {
  const plan = plans.find((p) => p.id === id);
  if (!plan) {
    throw new LeitaiError(
      'PLAN_NOT_FOUND',
      `没有编号为「${id}」的计划;已有: ${plans.map((p) => p.id).join(', ')}`,
      {
        value: id,
        reason: 'unknown plan id',
      },
    );
  }
  return plan;
}
