import { Button } from 'antd'
import { Link, useParams } from 'react-router-dom'
import { useBaseIndicators } from '../../../api/indicators'
import { IndicatorsPanel } from '../../../components/indicators/IndicatorsPanel'
import { PageHeader } from '../../../components/PageHeader'
import { useT } from '../../../i18n'

/** 基地指标: one base's indicators against its targets (from the register). */
export default function BaseIndicatorsPage() {
  const t = useT()
  const { baseId } = useParams()
  const q = useBaseIndicators(baseId) // shared with the panel (same query key): one request
  return (
    <>
      <PageHeader
        title={q.data ? `${q.data.title} · ${q.data.organization_name}` : t('ind.baseTitle')}
        extra={
          <Link to="/admin/indicators">
            <Button>{t('ind.back')}</Button>
          </Link>
        }
      />
      {baseId && <IndicatorsPanel baseId={baseId} />}
    </>
  )
}
