import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'huiyin.lang';

type LocaleValue = { lang: Lang; setLang(lang: Lang): void; t(zh: string, en: string): string };

const LocaleContext = createContext<LocaleValue>({ lang: 'zh', setLang: () => undefined, t: (zh) => zh });

function initialLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

/**
 * Chinese by default, English on request (kept in localStorage). Page text is written as
 * `t('中文', 'English')` pairs beside the code that shows it; shared vocabularies live in labels.ts.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const value = useMemo<LocaleValue>(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    return {
      lang,
      setLang(next) {
        localStorage.setItem(STORAGE_KEY, next);
        setLangState(next);
      },
      t: (zh, en) => (lang === 'zh' ? zh : en),
    };
  }, [lang]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export const useLocale = () => useContext(LocaleContext);
/** The translate function of the current language. */
export const useT = () => useContext(LocaleContext).t;
