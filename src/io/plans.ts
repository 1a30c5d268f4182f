import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Jsonc from 'jsonc-parser';
import { LeitaiError } from '../core/errors/index.js';
import type { Indicator } from '../core/indicators/index.js';
import type { Plan } from '../core/plans/schema.js';
import { PLANS_DIR } from './paths.js';
import { readText } from './regions.js';

type Validators = typeof import('../core/plans/schema.js');

/*
 * Plan files are validated with zod (core/plans/schema), which costs ~60 ms to load: a tenth of a
 * national evaluation. The build validates the shipped plans and writes the hashes of the files
 * that passed unchanged (`npm run build` → dist/plans.checked.json, see checkShippedPlans); a
 * file with one of those exact contents, read by that same validator, is known to pass and is
 * taken as parsed. Every other file (edited, hand-written, --plan-file) is validated in full, with
 * the same messages. The validator is then loaded on demand: Node ≥ 20.19 can require an ES module
 * synchronously; elsewhere (older Node, vitest's transform of src/) it is loaded up front.
 */
const requireHere = createRequire(import.meta.url);
const VALIDATOR = '../core/plans/schema.js';
const lazyLoad =
  (process.features as { require_module?: boolean }).require_module === true &&
  import.meta.url.endsWith('.js');
let validators: Validators | undefined = lazyLoad
  ? undefined
  : ((await import('../core/plans/schema.js')) as Validators);

function schema(): Validators {
  return (validators ??= requireHere(VALIDATOR) as Validators);
}

/** The compiled modules whose code decides whether a plan is valid (the marker names them). */
const VALIDATOR_FILES = [
  '../core/plans/schema.js',
  '../core/ranking/schema.js',
  '../core/warnings/schema.js',
  '../core/periods/index.js',
];
const CHECKED_FILE = fileURLToPath(new URL('../plans.checked.json', import.meta.url));

/** What the build recorded: the validator's hash and the contents that passed it unchanged. */
export interface CheckedMarker {
  validator: string;
  plans: string[];
  indicators: string[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function validatorHash(): string {
  const h = createHash('sha256');
  for (const f of VALIDATOR_FILES) h.update(readFileSync(new URL(f, import.meta.url)));
  return h.digest('hex');
}

let checked: { plans: Set<string>; indicators: Set<string> } | undefined;

/** The contents known to pass; none when there is no marker or the validator changed since. */
function checkedContents(): { plans: Set<string>; indicators: Set<string> } {
  if (checked) return checked;
  checked = { plans: new Set(), indicators: new Set() };
  if (!lazyLoad) return checked; // only the built dist/ has a marker
  try {
    const m = JSON.parse(readFileSync(CHECKED_FILE, 'utf8')) as CheckedMarker;
    if (m.validator === validatorHash()) {
      checked = { plans: new Set(m.plans), indicators: new Set(m.indicators) };
    }
  } catch {
    // No marker (not built with npm run build) or unreadable: validate everything.
  }
  return checked;
}

/**
 * The build's check of the shipped plans and indicator catalogue: each is validated in full (a
 * failure throws and fails the build), and its content is recorded only when zod returns it
 * unchanged, so that taking it as parsed gives the very same object.
 */
export function checkShippedPlans(): CheckedMarker {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const plans: string[] = [];
  for (const file of builtinPlanFiles()) {
    const text = readText(file);
    const json = parseJsonFile(text, file);
    if (same(schema().validatePlan(json, file), json)) plans.push(sha256(text));
  }
  const file = `${PLANS_DIR}indicators.json`;
  const text = readFileSync(file, 'utf8');
  const json = parseJsonFile(text, file) as { indicators: unknown[] };
  const indicators = same(validateIndicators(json, file), json.indicators) ? [sha256(text)] : [];
  return { validator: validatorHash(), plans, indicators };
}

/** Parses JSON, naming the file, line and column of a syntax error. */
export function parseJsonFile(text: string, file: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (e) {
    // JSON.parse does not always say where; a tolerant scanner does (loaded only for a bad file).
    const { parse: parseJsonc, printParseErrorCode } = requireHere('jsonc-parser') as typeof Jsonc;
    const errors: Jsonc.ParseError[] = [];
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
  const text = readFileSync(file, 'utf8');
  const json = parseJsonFile(text, file) as { indicators: unknown[] };
  builtinIndicators = checkedContents().indicators.has(sha256(text))
    ? (json.indicators as Indicator[])
    : validateIndicators(json, file);
  return builtinIndicators;
}

function validateIndicators(json: { indicators: unknown[] }, file: string): Indicator[] {
  const { indicatorSchema } = schema();
  return json.indicators.map((raw, i) => {
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
}

/** A plan file, validated unless its content is one the build checked. */
export function loadPlanFile(file: string): Plan {
  const text = readText(file);
  const json = parseJsonFile(text, file);
  if (checkedContents().plans.has(sha256(text))) return json as Plan;
  return schema().validatePlan(json, file);
}

const BUILTIN_IDS = ['hlj-2025', 'hlj-2026', 'hlj-2011'];

/** The built-in plans: every plans/*.json except the indicator catalogue. */
export function loadBuiltinPlans(): Plan[] {
  return builtinPlanFiles().map(loadPlanFile);
}

function builtinPlanFiles(): string[] {
  return readdirSync(PLANS_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'indicators.json')
    .sort((a, b) => {
      const ia = BUILTIN_IDS.indexOf(a.replace(/\.json$/, ''));
      const ib = BUILTIN_IDS.indexOf(b.replace(/\.json$/, ''));
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    })
    .map((f) => `${PLANS_DIR}${f}`);
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
