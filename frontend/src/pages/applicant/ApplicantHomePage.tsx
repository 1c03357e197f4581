import { CheckCircleTwoTone, ClockCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons'
import { Alert, Card, Col, Descriptions, Flex, Row, Typography } from 'antd'
import type { ReactNode } from 'react'
import type { OrganizationStatus } from '../../client/types'
import { LatestNotifications } from '../../components/LatestNotifications'
import { OrgStatusTag } from '../../components/OrgStatusTag'
import { PageHeader } from '../../components/PageHeader'
import { useSession } from '../../hooks/useAccess'
import { useT, type TKey } from '../../i18n'
import { formatDateTime } from '../../lib/format'

const STATUS_ICON: Record<OrganizationStatus, ReactNode> = {
  pending: <ClockCircleTwoTone aria-hidden twoToneColor="#faad14" style={{ fontSize: 40 }} />,
  verified: <CheckCircleTwoTone aria-hidden twoToneColor="#52c41a" style={{ fontSize: 40 }} />,
  rejected: <CloseCircleTwoTone aria-hidden twoToneColor="#ff4d4f" style={{ fontSize: 40 }} />,
}
const STATUS_HINT: Record<OrganizationStatus, TKey> = {
  pending: 'applicantHome.pendingHint',
  verified: 'applicantHome.verifiedHint',
  rejected: 'applicantHome.rejectedHint',
}

export default function ApplicantHomePage() {
  const t = useT()
  const { me } = useSession()
  const org = me.organization

  return (
    <>
      <PageHeader title={t('applicantHome.title')} />
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={12}>
          <Card title={t('applicantHome.orgStatus')} data-testid="org-status-card">
            {!org ? (
              <Alert type="info" showIcon title={t('applicantHome.noOrganization')} />
            ) : (
              <Flex gap={16} align="flex-start">
                {STATUS_ICON[org.status]}
                <Flex vertical gap={8} style={{ flex: 1 }}>
                  <Typography.Title level={4} style={{ margin: 0 }}>
                    {org.name}
                  </Typography.Title>
                  <div>
                    <OrgStatusTag status={org.status} />
                  </div>
                  <Typography.Text>{t(STATUS_HINT[org.status])}</Typography.Text>
                  {org.status === 'rejected' && (
                    <Alert type="error" showIcon title={t('org.statusReason')} description={org.status_reason || '—'} />
                  )}
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      { key: 'code', label: t('org.creditCode'), children: org.credit_code },
                      { key: 'submitted', label: t('org.submittedAt'), children: formatDateTime(org.created_at) },
                      ...(org.decided_at
                        ? [{ key: 'decided', label: t('org.decidedAt'), children: formatDateTime(org.decided_at) }]
                        : []),
                    ]}
                  />
                </Flex>
              </Flex>
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
