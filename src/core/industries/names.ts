import { z } from 'zod';
import { LeitaiError } from '../errors/index.js';

/**
 * Industry names (data/industries.json): the project ledger's 所属产业 and the leading-industry
 * list are canonicalised through one table, so 新材料 and 新材料产业 count as one industry and
 * a name the table does not know is refused rather than counted apart.
 */
export const industryTableSchema = z.object({
  note: z.string().optional(),
  industries: z.array(
    z.object({
      name: z.string().min(1),
      aliases: z.array(z.string().min(1)),
      source: z.string().min(1),
    }),
  ),
});

export interface IndustryNames {
  /** Canonical names in table order. */
  names: readonly string[];
  /** The canonical name of a printed one, undefined when the table does not know it. */
  canonical: (name: string) => string | undefined;
}

const clean = (name: string) => name.replace(/[\s\u3000]+/g, '');

/** Reads the table; refuses one where a name leads to two industries, naming it. */
export function industryNames(json: unknown, file = 'industries.json'): IndustryNames {
  const parsed = industryTableSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    const path = i.path.map(String).join('.');
    throw new LeitaiError('INPUT_INVALID', `${file}: 产业名称表无效,「${path}」${i.message}`, {
      file,
      path,
      reason: i.message,
    });
  }
  const to = new Map<string, string>();
  for (const { name, aliases } of parsed.data.industries) {
    for (const n of [name, ...aliases].map(clean)) {
      const taken = to.get(n);
      if (taken !== undefined && taken !== name) {
        throw new LeitaiError(
          'INPUT_INVALID',
          `${file}: 名称「${n}」同时属于「${taken}」和「${name}」`,
          {
            file,
            value: n,
            reason: 'a name of two industries',
          },
        );
      }
      to.set(n, name);
    }
  }
  return {
    names: parsed.data.industries.map((i) => i.name),
    canonical: (printed) => to.get(clean(printed)),
  };
}
