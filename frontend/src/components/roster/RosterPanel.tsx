/**
 * One roster of a monthly report (培训人员名册 or 取证人员名册), self-contained: template download, upload (drag or pick),
 * the import's progress (polled), its errors with the error report, the imported rows (IDs masked, duplicate tags) and,
 * for those allowed, the full ID of a row on request (audited on the server).
 *
 *   <RosterPanel reportId={report.id} kind="certificates" editable={report.status === 'draft'} />
 */
import { DownloadOutlined, EyeOutlined, InboxOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Flex, Progress, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd'
import { useState } from 'react'
import {
  downloadErrorReport,
  downloadTemplate,
  isRunning,
  progressPercent,
  revealRow,
  ROSTER_ACCEPT,
  useReportRosters,
  useRosterRows,
  useUploadRoster,
} from '../../api/rosters'
import { saveBlob } from '../../api/applications'
import type { CertificateRow, RosterError, RosterKind, RosterRead, TraineeRow } from '../../client/types'
import { useAccess } from '../../hooks/useAccess'
import { useApiError } from '../../hooks/useApiError'
import { usePagination } from '../../hooks/usePagination'
import { useT, type TFunction } from '../../i18n'
import { formatDate } from '../../lib/format'
import { QueryError } from '../QueryError'

export interface RosterPanelProps {
  reportId: string
  kind: RosterKind
  /** the report is a draft or was returned, and the caller may upload */
  editable: boolean
}

const STATUS_COLORS: Record<RosterRead['status'], string> = {
  queued: 'default',
  importing: 'processing',
  imported: 'success',
  failed: 'error',
  replaced: 'default',
}

type Row = TraineeRow | CertificateRow

export function RosterPanel({ reportId, kind, editable }: RosterPanelProps) {
  const t = useT()
  const { access } = useAccess()
  const showError = useApiError()
  const rosters = useReportRosters(reportId, kind)
  const upload = useUploadRoster(reportId, kind)
  const [sending, setSending] = useState<number | null>(null)
  const [revealed, setRevealed] = useState<Record<number, string>>({})
  const pagination = usePagination(20)
  const imported = rosters.data?.imported ?? null
  const latest = rosters.data?.latest ?? null
  const rows = useRosterRows(reportId, kind, pagination.query, imported?.id)
  const canUpload = editable && access.canWriteRosters

  const save = async (load: () => Promise<{ blob: Blob; filename: string | null }>, fallback: string) => {
    try {
      const file = await load()
      saveBlob(file.blob, file.filename ?? fallback)
    } catch (err) {
      showError(err)
    }
  }

  const reveal = async (rowId: number) => {
    try {
      const answer = await revealRow(kind, rowId)
      setRevealed((r) => ({ ...r, [rowId]: answer.id_number }))
    } catch (err) {
      showError(err)
    }
  }

  const idColumn = {
    title: t('roster.col.idNumber'),
    key: 'id',
    render: (_: unknown, r: Row) =>
      revealed[r.id] ? (
        <Typography.Text copyable title={t('roster.revealed')}>
          {revealed[r.id]}
        </Typography.Text>
      ) : (
        <Space size={4} wrap>
          <Typography.Text>{r.id_masked}</Typography.Text>
          {access.canRevealPersonalData && (
            <Button
              size="small"
              type="link"
              icon={<EyeOutlined aria-hidden />}
              aria-label={`${t('roster.reveal')} ${r.name}`}
              onClick={() => void reveal(r.id)}
            >
              {t('roster.reveal')}
            </Button>
          )}
        </Space>
      ),
  }
  const columns: TableColumnsType<Row> = [
    { title: t('roster.col.row'), dataIndex: 'row_no', width: 64 },
    { title: t('roster.col.name'), dataIndex: 'name' },
    idColumn,
    { title: t('roster.col.occupation'), dataIndex: 'occupation' },
    ...(kind === 'trainees' ? traineeColumns(t) : certificateColumns(t)),
  ]

  return (
    <Card title={t(`roster.kind.${kind}`)} size="small" extra={<TemplateButton kind={kind} onDownload={save} />}>
      <Flex vertical gap={12}>
        {rosters.isError && <QueryError error={rosters.error} onRetry={() => rosters.refetch()} />}
        {canUpload && (
          <Upload.Dragger
            accept={ROSTER_ACCEPT}
            multiple={false}
            showUploadList={false}
            disabled={upload.isPending || isRunning(latest)}
            customRequest={({ file }) => {
              const f = file as File
              setSending(0)
              upload.mutate(
                { file: f, filename: f.name, onProgress: setSending },
                { onError: showError, onSettled: () => setSending(null) },
              )
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('roster.drop')}</p>
            <p className="ant-upload-hint">{t('roster.dropHint')}</p>
          </Upload.Dragger>
        )}
        {sending !== null && <Progress percent={sending} size="small" format={(p) => t('roster.uploading', { percent: p ?? 0 })} />}
        {latest && latest.id !== imported?.id && <LatestUpload roster={latest} onErrorReport={save} />}
        {imported ? (
          <Typography.Text>
            <Tag color={STATUS_COLORS.imported}>{t('roster.status.imported')}</Tag>
            {t('roster.current', { rows: rows.data?.total ?? imported.rows_processed, name: imported.original_name })}
          </Typography.Text>
        ) : (
          !rosters.isLoading && !latest && <Typography.Text type="secondary">{t('roster.none')}</Typography.Text>
        )}
        {imported && (
          <>
            {rows.isError && <QueryError error={rows.error} onRetry={() => rows.refetch()} />}
            <Table<Row>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={rows.data?.items}
              loading={rows.isFetching}
              pagination={pagination.tableProps(rows.data?.total)}
              scroll={{ x: 'max-content' }}
            />
          </>
        )}
      </Flex>
    </Card>
  )
}

function TemplateButton({
  kind,
  onDownload,
}: {
  kind: RosterKind
  onDownload: (load: () => Promise<{ blob: Blob; filename: string | null }>, fallback: string) => Promise<void>
}) {
  const t = useT()
  return (
    <Button size="small" icon={<DownloadOutlined aria-hidden />} onClick={() => void onDownload(() => downloadTemplate(kind), `${kind}.xlsx`)}>
      {t('roster.template')}
    </Button>
  )
}

/** The latest upload when it is not the imported roster: still importing (progress) or failed (its errors). */
function LatestUpload({
  roster,
  onErrorReport,
}: {
  roster: RosterRead
  onErrorReport: (load: () => Promise<{ blob: Blob; filename: string | null }>, fallback: string) => Promise<void>
}) {
  const t = useT()
  const errorColumns: TableColumnsType<RosterError> = [
    { title: t('roster.col.row'), dataIndex: 'row', width: 64, render: (v: number) => (v > 0 ? v : '—') },
    { title: t('roster.col.column'), dataIndex: 'column', render: (v: string) => v || '—' },
    { title: t('roster.col.message'), dataIndex: 'message' },
  ]
  return (
    <Flex vertical gap={8}>
      <Typography.Text>
        <Tag color={STATUS_COLORS[roster.status]}>{t(`roster.status.${roster.status}`)}</Tag>
        {t('roster.latest', { name: roster.original_name })}
      </Typography.Text>
      {isRunning(roster) && (
        <div role="status">
          <Progress percent={progressPercent(roster)} size="small" status="active" />
          <Typography.Text type="secondary">
            {t('roster.progress', { done: roster.rows_processed, total: roster.rows_total })}
          </Typography.Text>
        </div>
      )}
      {roster.status === 'failed' && (
        <>
          <Alert
            type="error"
            showIcon
            message={t('roster.errorsTitle', { count: roster.error_count, shown: roster.errors.length })}
            action={
              <Button
                size="small"
                icon={<DownloadOutlined aria-hidden />}
                onClick={() => void onErrorReport(() => downloadErrorReport(roster.id), `${roster.original_name}-错误报告.xlsx`)}
              >
                {t('roster.errorReport')}
              </Button>
            }
          />
          <Table<RosterError>
            rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
            size="small"
            columns={errorColumns}
            dataSource={roster.errors}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
          />
        </>
      )}
    </Flex>
  )
}

function traineeColumns(t: TFunction): TableColumnsType<Row> {
  return [
    { title: t('roster.col.course'), key: 'course', render: (_, r) => (r as TraineeRow).course },
    {
      title: t('roster.col.period'),
      key: 'period',
      render: (_, r) => `${formatDate((r as TraineeRow).starts_on)} ~ ${formatDate((r as TraineeRow).ends_on)}`,
    },
    {
      title: t('roster.col.completed'),
      key: 'completed',
      render: (_, r) => ((r as TraineeRow).completed ? t('common.yes') : t('common.no')),
    },
    {
      title: t('roster.col.satisfied'),
      key: 'satisfied',
      render: (_, r) => {
        const row = r as TraineeRow
        if (!row.surveyed) return t('roster.notSurveyed')
        return row.satisfied ? t('roster.satisfied') : t('roster.unsatisfied')
      },
    },
  ]
}

function certificateColumns(t: TFunction): TableColumnsType<Row> {
  return [
    { title: t('roster.col.kind'), key: 'kind', render: (_, r) => t(`roster.kindLabel.${(r as CertificateRow).kind}`) },
    {
      title: t('roster.col.level'),
      key: 'level',
      render: (_, r) => {
        const level = (r as CertificateRow).level
        return level ? t(`roster.level.${level}`) : '—'
      },
    },
    { title: t('roster.col.certificateNo'), key: 'no', render: (_, r) => (r as CertificateRow).certificate_no },
    { title: t('roster.col.issuedOn'), key: 'issued', render: (_, r) => formatDate((r as CertificateRow).issued_on) },
    {
      title: t('roster.col.duplicate'),
      key: 'duplicate',
      render: (_, r) => {
        const dup = (r as CertificateRow).duplicate
        if (!dup) return '—'
        return <Tag color={dup === 'open' ? 'warning' : dup === 'counted' ? 'success' : 'default'}>{t(`roster.dup.${dup}`)}</Tag>
      },
    },
  ]
}
