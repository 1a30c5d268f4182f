import type { ReactNode } from 'react';

/**
 * Text that is data, not UI (region and indicator names, target phrases, the engine's notes): it
 * stays Chinese in the English UI, and says so to screen readers and the language check.
 */
export function Data({ children }: { children: ReactNode }) {
  return <span lang="zh-CN">{children}</span>;
}
