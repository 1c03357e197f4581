import { Alert, Button, Card, Descriptions, Empty, List, Table, Typography } from 'antd'
import { downloadReportAttachment, DECLARED_FIGURES, type ReportPart, type ReportVersion } from '../../api/reports'
import { saveBlob } from '../../api/applications'
import { useApiError } from '../../hooks/useApiError'
import { useT } from '../../i18n'
import { formatBytes, formatDate } from '../../lib/format'

type Snapshot = ReportVersion['snapshot']

/** The reason a part was returned for, shown in place above that part. */
export function PartReason({ part, reasons }: { part: ReportPart; reasons?: Partial<Record<ReportPart, string>> | null }) {
  const t = useT()
  const reason = reasons?.[part]
  if (!reason) return null
  return <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('report.reasonFor', { reason })} data-testid={`reason-${part}`} />
}

/** One submitted version of a report, read-only: narrative, figures, competitions, rosters and files as submitted. */
export function ReportSnapshotView({
  reportId,
  versionNo,
  snapshot,
  reasons,
}: {
  reportId: string
  versionNo: number
  snapshot: Snapshot
  reasons?: Partial<Record<ReportPart, string>> | null
}) {
  const t = useT()
  const showError = useApiError()
  const download = async (id: string, name: string) => {
    try {
      const file = await downloadReportAttachment(reportId, id, versionNo)
      saveBlob(file.blob, file.filename ?? name)
    } catch (err) {
      showError(err)
    }
  }
  return (
    <>
      <Card size="small" title={t('report.narrative')} style={{ marginBottom: 12 }}>
        <PartReason part="narrative" reasons={reasons} />
        <Descriptions column={1} size="small" layout="vertical">
          <Descriptions.Item label={t('report.progress')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{snapshot.narrative.progress || '—'}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('report.problems')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{snapshot.narrative.problems || '—'}</Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('report.nextPlan')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{snapshot.narrative.next_plan || '—'}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('report.figures')} style={{ marginBottom: 12 }}>
        <PartReason part="figures" reasons={reasons} />
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          {DECLARED_FIGURES.map((key) => (
            <Descriptions.Item key={key} label={t(`report.figure.${key}`)}>
              {snapshot.figures[key] ?? '—'}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
      <Card size="small" title={t('report.rosters')} style={{ marginBottom: 12 }}>
        <PartReason part="trainees" reasons={reasons} />
        <PartReason part="certificates" reasons={reasons} />
        {snapshot.rosters.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            size="small"
            dataSource={snapshot.rosters}
            renderItem={(r) => (
              <List.Item>
                {t(`report.part.${r.kind === 'certificates' ? 'certificates' : 'trainees'}`)}：{t('report.rosterRows', { name: r.original_name, rows: r.rows_total })}
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title={t('report.competitions')} style={{ marginBottom: 12 }}>
        <PartReason part="competitions" reasons={reasons} />
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={snapshot.competitions}
          columns={[
            { title: t('competition.name'), dataIndex: 'name' },
            { title: t('competition.level'), dataIndex: 'level', render: (v: Snapshot['competitions'][number]['level']) => t(`report.level.${v}`) },
            { title: t('competition.endsOn'), dataIndex: 'ends_on', render: (v: string) => formatDate(v) },
            { title: t('competition.contestants'), dataIndex: 'contestants' },
            { title: t('competition.winners'), dataIndex: 'winners' },
          ]}
        />
      </Card>
      <Card size="small" title={t('report.attachments')}>
        <PartReason part="attachments" reasons={reasons} />
        {snapshot.attachments.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            size="small"
            dataSource={snapshot.attachments}
            renderItem={(a) => (
              <List.Item>
                <Button type="link" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }} onClick={() => void download(a.id, a.original_name)}>
                  {a.original_name}
                </Button>
                <Typography.Text type="secondary">
                  {a.description} {formatBytes(a.size_bytes)}
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  )
}
