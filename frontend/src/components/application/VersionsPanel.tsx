import { Alert, Button, Card, Drawer, Empty, Flex, Select, Skeleton, Table, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useVersion, useVersionDiff, useVersions } from '../../api/applications'
import type { BaseType, FieldChange, Organization, VersionSummary } from '../../client/types'
import { useT } from '../../i18n'
import { compareFieldPaths } from '../../lib/applicationForm'
import { fieldLabel, valueText } from '../../lib/fieldLabels'
import { formatDateTime } from '../../lib/format'
import { QueryError } from '../QueryError'
import { ApplicationFormView } from './ApplicationFormView'
import { AttachmentLink, type AttachmentLike } from './AttachmentLinks'
import { PdfPreview } from './PdfPreview'

function VersionDrawer({
  applicationId,
  baseType,
  versionNo,
  onClose,
}: {
  applicationId: string
  baseType: BaseType
  versionNo: number | null
  onClose: () => void
}) {
  const t = useT()
  const q = useVersion(applicationId, versionNo)
  const [showPdf, setShowPdf] = useState(false)
  return (
    <Drawer
      open={versionNo !== null}
      onClose={() => {
        setShowPdf(false)
        onClose()
      }}
      size={960}
      title={t('versions.viewTitle', { n: versionNo ?? '' })}
      destroyOnHidden
      extra={
        <Button onClick={() => setShowPdf((v) => !v)}>{showPdf ? t('versions.hidePdf') : t('versions.showPdf')}</Button>
      }
    >
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('versions.submittedAt')}：{formatDateTime(q.data.submitted_at)}
          </Typography.Paragraph>
          {showPdf && (
            <div style={{ marginBottom: 16 }}>
              <PdfPreview applicationId={applicationId} version={q.data.version_no} fileName={`申报表-第${q.data.version_no}版.pdf`} />
            </div>
          )}
          <ApplicationFormView
            form={q.data.form}
            baseType={baseType}
            organization={q.data.organization_snapshot as Partial<Organization>}
          />
          <Card size="small" title={t('section.attachments')}>
            {q.data.attachments.length === 0 ? (
              <Empty description={t('attachments.none')} />
            ) : (
              <Flex vertical gap={6}>
                {(q.data.attachments as unknown as (AttachmentLike & { slot: string })[]).map((a) => (
                  <Flex key={a.id} gap={8} align="center" wrap>
                    <Typography.Text type="secondary">{t(`enum.slot.${a.slot as 'licence'}`)}：</Typography.Text>
                    <AttachmentLink applicationId={applicationId} attachment={a} version={q.data.version_no} />
                  </Flex>
                ))}
              </Flex>
            )}
          </Card>
        </>
      )}
    </Drawer>
  )
}

function DiffTable({ applicationId, from, to }: { applicationId: string; from: number; to: number }) {
  const t = useT()
  const q = useVersionDiff(applicationId, from, to)
  if (from === to) return <Alert type="info" showIcon title={t('versions.sameVersion')} />
  if (q.isPending) return <Skeleton active />
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />
  const rows = [...q.data.changes].sort((a, b) => compareFieldPaths(a.field, b.field))
  const columns: TableColumnsType<FieldChange> = [
    { title: t('versions.field'), dataIndex: 'field', width: '28%', render: (f: string) => fieldLabel(f, t) },
    {
      title: t('versions.before', { n: from }),
      dataIndex: 'before',
      render: (v: unknown) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{valueText(v, t)}</span>,
    },
    {
      title: t('versions.after', { n: to }),
      dataIndex: 'after',
      render: (v: unknown) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{valueText(v, t)}</span>,
    },
  ]
  if (rows.length === 0) return <Empty description={t('versions.noChanges')} />
  return <Table<FieldChange> size="small" rowKey="field" columns={columns} dataSource={rows} pagination={false} data-testid="version-diff" />
}

/** 历史版本: every submitted version (view read-only) and the difference between two of them. */
export function VersionsPanel({ applicationId, baseType }: { applicationId: string; baseType: BaseType }) {
  const t = useT()
  const q = useVersions(applicationId)
  const [viewing, setViewing] = useState<number | null>(null)
  const [pair, setPair] = useState<[number | null, number | null]>([null, null])

  if (q.isPending) return <Skeleton active />
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />
  const versions = q.data
  if (versions.length === 0) return <Empty description={t('versions.none')} />
  const numbers = versions.map((v) => v.version_no).sort((a, b) => a - b)
  const from = pair[0] ?? (numbers.length > 1 ? numbers[numbers.length - 2] : null)
  const to = pair[1] ?? numbers[numbers.length - 1]
  const options = numbers.map((n) => ({ value: n, label: t('versions.versionN', { n }) }))

  const columns: TableColumnsType<VersionSummary> = [
    { title: t('versions.version'), dataIndex: 'version_no', render: (n: number) => t('versions.versionN', { n }) },
    { title: t('versions.submittedAt'), dataIndex: 'submitted_at', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, v) => (
        <Button size="small" onClick={() => setViewing(v.version_no)} aria-label={t('versions.viewN', { n: v.version_no })}>
          {t('common.view')}
        </Button>
      ),
    },
  ]

  return (
    <Flex vertical gap={16}>
      <Table<VersionSummary> size="small" rowKey="id" columns={columns} dataSource={versions} pagination={false} />
      <Card size="small" title={t('versions.compare')}>
        {numbers.length < 2 ? (
          <Typography.Text type="secondary">{t('versions.needTwo')}</Typography.Text>
        ) : (
          <Flex vertical gap={12}>
            <Flex gap={8} align="center" wrap>
              <Select
                aria-label={t('versions.from')}
                style={{ width: 140 }}
                value={from}
                options={options}
                onChange={(v) => setPair([v, to])}
              />
              <span aria-hidden>→</span>
              <Select aria-label={t('versions.to')} style={{ width: 140 }} value={to} options={options} onChange={(v) => setPair([from, v])} />
            </Flex>
            {from !== null && <DiffTable applicationId={applicationId} from={from} to={to} />}
          </Flex>
        )}
      </Card>
      <VersionDrawer applicationId={applicationId} baseType={baseType} versionNo={viewing} onClose={() => setViewing(null)} />
    </Flex>
  )
}
