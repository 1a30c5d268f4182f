import { Fragment, useEffect, useState, type ReactNode, type RefObject } from 'react';

/**
 * A message with `{name}` placeholders filled by elements (a region name marked as data), so the
 * word order stays the language's own: "{name}不是县(市)" / "{name} is not a county".
 */
export function withNodes(text: string, vars: Record<string, ReactNode>): ReactNode {
  return text.split(/(\{\w+\})/).map((part, i) => {
    const k = /^\{(\w+)\}$/.exec(part)?.[1];
    return <Fragment key={i}>{k !== undefined && k in vars ? vars[k] : part}</Fragment>;
  });
}

/** True once the element has come near the viewport (and stays true): for content below the fold. */
export function useSeen(ref: RefObject<HTMLElement | null>, margin = '200px'): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: margin },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [ref, seen, margin]);
  return seen;
}
