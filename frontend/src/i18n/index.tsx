import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import 'dayjs/locale/en'
import { zh, type TKey } from './zh'
import { en } from './en'

export type Lang = 'zh' | 'en'
export type { TKey }
export type Vars = Record<string, string | number>

export const LANG_STORAGE_KEY = 'skillbase.lang'
const dictionaries: Record<Lang, Record<TKey, string>> = { zh, en }

/** Whether a computed string is a dictionary key (for labels built from data). */
export function isTKey(key: string): key is TKey {
  return Object.prototype.hasOwnProperty.call(zh, key)
}

/** Pure translation: looks the key up and fills `{name}` slots from vars. */
export function translate(lang: Lang, key: TKey, vars?: Vars): string {
  const template = dictionaries[lang][key] ?? zh[key]
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  )
}

export function readStoredLang(): Lang {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'zh'
  } catch {
    return 'zh'
  }
}

export function applyDayjsLocale(lang: Lang): void {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn')
}

export type TFunction = (key: TKey, vars?: Vars) => string

interface I18nValue {
  lang: Lang
  setLang: (lang: Lang) => void
  t: TFunction
}

const I18nContext = createContext<I18nValue | null>(null)

export function I18nProvider({ children, initialLang }: { children: ReactNode; initialLang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang ?? readStoredLang()
    applyDayjsLocale(l)
    return l
  })
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next)
    } catch {
      // storage unavailable: the choice lasts for this page only
    }
    applyDayjsLocale(next)
    document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN'
    setLangState(next)
  }, [])
  const value = useMemo<I18nValue>(
    () => ({ lang, setLang, t: (key, vars) => translate(lang, key, vars) }),
    [lang, setLang],
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18nValue {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>')
  return ctx
}

export function useT(): TFunction {
  return useI18n().t
}
