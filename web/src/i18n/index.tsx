import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';

export type Lang = 'zh' | 'en';

/** A page's strings in both languages; English must have every key Chinese has. */
export interface Messages<K extends string> {
  zh: Record<K, string>;
  en: Record<K, string>;
}

export function defineMessages<K extends string>(m: Messages<K>): Messages<K> {
  return m;
}

const STORAGE_KEY = 'leitai.lang';

interface LangState {
  lang: Lang;
  setLang: (l: Lang) => void;
}

const LangContext = createContext<LangState>({ lang: 'zh', setLang: () => {} });

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, set] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    set(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

/**
 * The translator for one message set: `t('key')`, with `{name}` placeholders filled from `vars`.
 */
export function useT<K extends string>(m: Messages<K>) {
  const { lang } = useLang();
  return useCallback(
    (key: K, vars?: Record<string, string | number>) => fill(m[lang][key], vars),
    [lang, m],
  );
}

export function fill(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (all, k: string) => (k in vars ? String(vars[k]) : all));
}
