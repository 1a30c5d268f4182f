import { LeitaiError } from '../errors/index.js';
import type { CompositeMeta } from './types.js';

export interface Node {
  code: string;
  level: number;
  parent: string | null;
  weight: number;
  line?: number;
  kind: 'indicator' | 'aggregate';
}

export interface Hierarchy {
  /** The top-level index. */
  root: string;
  /** Aggregates, children before parents (level by level). */
  order: string[];
  /** Children of each aggregate, in meta order. */
  children: Map<string, Node[]>;
  nodes: Map<string, Node>;
}

function bad(
  node: Pick<Node, 'code' | 'line'>,
  column: string,
  value: string,
  reason: string,
): never {
  const where = node.line !== undefined ? `第${node.line}行 ` : '';
  throw new LeitaiError(
    'INPUT_INVALID',
    `iMeta ${where}(iCode「${node.code}」) 列「${column}」: ${reason}`,
    { line: node.line, column, value, reason, code: node.code },
  );
}

/** Checks the tree (unknown parent, cycle, levels, weights) and orders the aggregates. */
export function buildHierarchy(meta: CompositeMeta): Hierarchy {
  const nodes = new Map<string, Node>();
  const all: Node[] = [
    ...meta.indicators.map((i) => ({ ...i, kind: 'indicator' as const })),
    ...meta.aggregates.map((a) => ({ ...a, kind: 'aggregate' as const })),
  ];
  for (const n of all) {
    if (n.code === '') bad(n, 'iCode', '', 'empty code');
    if (nodes.has(n.code)) bad(n, 'iCode', n.code, `duplicate code ${n.code}`);
    if (!Number.isFinite(n.weight) || n.weight < 0) {
      bad(n, 'Weight', String(n.weight), 'weight must be a finite number ≥ 0');
    }
    nodes.set(n.code, n);
  }
  const children = new Map<string, Node[]>();
  for (const a of meta.aggregates) children.set(a.code, []);
  const roots: Node[] = [];
  for (const n of all) {
    if (n.parent === null || n.parent === '') {
      if (n.kind === 'indicator') bad(n, 'Parent', '', 'indicator without a parent');
      roots.push(n);
      continue;
    }
    const p = nodes.get(n.parent);
    if (p === undefined) bad(n, 'Parent', n.parent, `unknown parent ${n.parent}`);
    if (p.kind !== 'aggregate') bad(n, 'Parent', n.parent, `parent ${n.parent} is an indicator`);
    children.get(p.code)!.push(n);
  }
  for (const n of all) {
    const seen = new Set<string>([n.code]);
    for (let p = n.parent; p; p = nodes.get(p)!.parent) {
      if (seen.has(p))
        bad(n, 'Parent', n.parent ?? '', `cycle through ${[...seen, p].join(' → ')}`);
      seen.add(p);
    }
  }
  if (roots.length !== 1) {
    const n = roots[1] ?? { code: meta.aggregates[0]?.code ?? '', line: meta.aggregates[0]?.line };
    bad(n, 'Parent', '', `expected one top-level aggregate, found ${roots.length}`);
  }
  for (const n of all) {
    const p = n.parent ? nodes.get(n.parent)! : null;
    if (p && p.level <= n.level) {
      bad(n, 'Level', String(n.level), `level ${n.level} is not below its parent's ${p.level}`);
    }
  }
  for (const a of meta.aggregates) {
    const kids = children.get(a.code)!;
    if (kids.length === 0) bad(a, 'iCode', a.code, `aggregate ${a.code} has no children`);
    if (kids.reduce((s, k) => s + k.weight, 0) === 0) {
      const k = kids[0]!;
      bad(k, 'Weight', '0', `weights of the children of ${a.code} sum to zero`);
    }
  }
  const order = [...meta.aggregates].sort((a, b) => a.level - b.level).map((a) => a.code);
  return { root: roots[0]!.code, order, children, nodes };
}
