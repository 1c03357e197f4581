import { Alert, Card, Col, Descriptions, Row, Tag } from 'antd'
import { LatestNotifications } from '../../components/LatestNotifications'
import { PageHeader } from '../../components/PageHeader'
import { useSession } from '../../hooks/useAccess'
import { useT } from '../../i18n'

/** Expert home: their expert-pool profile (from /me) and the newest notifications. */
export default function ExpertHomePage() {
  const t = useT()
  const { me } = useSession()
  const e = me.expert
  return (
    <>
      <PageHeader title={t('expertHome.title')} />
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={12}>
          <Card title={t('expertHome.profile')}>
            {!e ? (
              <Alert type="info" showIcon title={t('expertHome.noProfile')} />
            ) : (
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'name', label: t('experts.name'), children: e.name },
                  { key: 'org', label: t('experts.organizationName'), children: e.organization_name },
                  { key: 'title', label: t('experts.title_'), children: e.title },
                  {
                    key: 'spec',
                    label: t('experts.specialties'),
                    children: e.specialties.length ? e.specialties.map((s) => <Tag key={s}>{s}</Tag>) : '—',
                  },
                  { key: 'email', label: t('experts.email'), children: e.email },
                  { key: 'mobile', label: t('experts.mobile'), children: e.mobile },
                  {
                    key: 'active',
                    label: t('common.status'),
                    children: e.is_active ? <Tag color="green">{t('experts.active')}</Tag> : <Tag>{t('experts.inactive')}</Tag>,
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <LatestNotifications />
        </Col>
      </Row>
    </>
  )
}
