import { z } from 'zod';
import { LeitaiError } from '../errors/index.js';

/**
 * Department names as documents print them change (机构改革, 简称): 黑龙江金融监管局 in one plan,
 * 黑龙江金融监督管理局 in the next. One alias table (data/departments.json) names each department
 * once, canonically, with the names other documents use; everything that matches departments
 * (responsibility, review, completeness, users) compares canonical names.
 */
export const departmentTableSchema = z.object({
  note: z.string().optional(),
  departments: z.array(
    z.object({
      /** The name used everywhere (the newest document's). */
      name: z.string().min(1),
      /** Other names of the same department as documents print them. */
      aliases: z.array(z.string().min(1)).min(1),
      /** Where the names come from (documents, the reform that renamed it). */
      source: z.string().min(1),
    }),
  ),
});

export type DepartmentTable = z.infer<typeof departmentTableSchema>;

export interface DepartmentNames {
  /** The canonical name of a printed name (itself when the table does not list it). */
  canonical: (name: string) => string;
  /** The names the table lists for the canonical name (aliases), none when unlisted. */
  aliasesOf: (name: string) => readonly string[];
}

/** Names compared as printed, apart from spaces around and inside (全角 spaces too). */
const clean = (name: string) => name.replace(/[\s\u3000]+/g, '');

/** No aliases: every name is its own. */
export const NO_ALIASES: DepartmentNames = { canonical: clean, aliasesOf: () => [] };

/**
 * Reads the alias table. Refuses one naming an alias twice or making a canonical name another's
 * alias (a name must lead to one department), naming the entry.
 */
export function departmentNames(json: unknown, file = 'departments.json'): DepartmentNames {
  const parsed = departmentTableSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    const path = i.path.map(String).join('.');
    throw new LeitaiError('INPUT_INVALID', `${file}: 部门别名表无效,「${path}」${i.message}`, {
      file,
      path,
      reason: i.message,
    });
  }
  const to = new Map<string, string>();
  const aliases = new Map<string, string[]>();
  const canonical = new Set(parsed.data.departments.map((d) => clean(d.name)));
  parsed.data.departments.forEach((d, i) => {
    const name = clean(d.name);
    for (const a of d.aliases.map(clean)) {
      const taken = to.get(a) ?? (canonical.has(a) ? a : undefined);
      if (taken !== undefined || a === name) {
        const reason = `别名「${a}」已指向「${taken ?? name}」,一个名称只能对应一个部门`;
        throw new LeitaiError('INPUT_INVALID', `${file}: departments.${i}: ${reason}`, {
          file,
          path: `departments.${i}.aliases`,
          value: a,
          reason,
        });
      }
      to.set(a, name);
    }
    aliases.set(name, d.aliases.map(clean));
  });
  return {
    canonical: (n) => to.get(clean(n)) ?? clean(n),
    aliasesOf: (n) => aliases.get(clean(n)) ?? [],
  };
}
