import { Space, Tag } from 'antd'
import type { Risk } from '../../api/indicators'
import { useT } from '../../i18n'
import { RISK_KEYS } from '../../lib/risks'

/** The risk flags of a base as red tags, or one green "no risk" tag. */
export function RiskTags({ risks }: { risks: Risk[] }) {
  const t = useT()
  if (risks.length === 0) return <Tag color="green">{t('ind.noRisk')}</Tag>
  return (
    <Space size={[4, 4]} wrap>
      {risks.map((r) => (
        <Tag key={r} color="red">
          {t(RISK_KEYS[r])}
        </Tag>
      ))}
    </Space>
  )
}
