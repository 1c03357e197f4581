import { Segmented } from 'antd'
import { useI18n, type Lang } from '../i18n'

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n()
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('lang.label')}
      value={lang}
      onChange={(v) => setLang(v)}
      options={[
        { label: t('lang.zh'), value: 'zh' },
        { label: t('lang.en'), value: 'en' },
      ]}
    />
  )
}
