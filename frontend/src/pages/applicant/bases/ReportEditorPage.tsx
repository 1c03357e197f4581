import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useMemo, useRef, useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { saveBlob, UPLOAD_ACCEPT } from '../../../api/applications'
import { qk } from '../../../api/keys'
import {
  COMPETITION_LEVELS,
  DECLARED_FIGURES,
  downloadReportAttachment,
  useDeleteCompetition,
  useDeleteReportAttachment,
  useReport,
  useReportVersion,
  useReportVersions,
  useSaveCompetition,
  useSubmitReport,
  useUploadReportAttachment,
  type Competition,
  type CompetitionInput,
  type Report,
  type ReportDraft,
  type ReportPart,
} from '../../../api/reports'
import { PageHeader } from '../../../components/PageHeader'
import { QueryError } from '../../../components/QueryError'
import { PartReason, ReportSnapshotView } from '../../../components/reports/ReportSnapshotView'
import { RosterPanel } from '../../../components/roster/RosterPanel'
import { ReportStatusTag } from '../../../components/reports/ReportStatusTag'
import { useApiError } from '../../../hooks/useApiError'
import { useSession } from '../../../hooks/useAccess'
import { useT } from '../../../i18n'
import { readLocalDraft, restoreDecision, clearLocalDraft } from '../../../lib/autosave'
import { formatBytes, formatDate, formatDateTime, formatTime } from '../../../lib/format'
import { competitionProblems, draftBodyOf, draftOf, reportDraftKey, satisfiedExceedsSurveyed } from '../../../lib/reportDraft'
import { useReportAutosave } from './useReportAutosave'
import { useQueryClient } from '@tanstack/react-query'

type Reasons = Partial<Record<ReportPart, string>>

interface CompetitionValues extends Omit<CompetitionInput, 'starts_on' | 'ends_on'> {
  dates: [Dayjs, Dayjs]
}

function CompetitionModal({
  report,
  editing,
  onClose,
}: {
  report: Report
  editing: Competition | 'new' | null
  onClose: () => void
}) {
  const t = useT()
  const showError = useApiError()
  const save = useSaveCompetition(report.id)
  const [form] = Form.useForm<CompetitionValues>()
  const period = { from: report.period_starts_on, to: report.period_ends_on }
  const initial =
    editing && editing !== 'new'
      ? { ...editing, dates: [dayjs(editing.starts_on), dayjs(editing.ends_on)] as [Dayjs, Dayjs] }
      : { level: 'district' as const, winners: 0, occupation: '', notes: '' }
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    const { dates, ...rest } = v
    const body: CompetitionInput = {
      ...rest,
      occupation: rest.occupation ?? '',
      notes: rest.notes ?? '',
      starts_on: dates[0].format('YYYY-MM-DD'),
      ends_on: dates[1].format('YYYY-MM-DD'),
    }
    const problems = competitionProblems(body, period)
    if (problems.length) {
      form.setFields([
        ...(problems.includes('endsOutsideMonth') || problems.includes('startsAfterEnd')
          ? [{ name: 'dates' as const, errors: [t('competition.endsInMonth', { from: period.from, to: period.to })] }]
          : []),
        ...(problems.includes('winnersExceedContestants') ? [{ name: 'winners' as const, errors: [t('competition.winnersTooMany')] }] : []),
      ])
      return
    }
    try {
      await save.mutateAsync({ editing: editing && editing !== 'new' ? editing : undefined, body })
      onClose()
    } catch (err) {
      showError(err)
    }
  }
  return (
    <Modal
      open={!!editing}
      title={t(editing === 'new' ? 'competition.add' : 'competition.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={onOk}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        <Form.Item name="name" label={t('competition.name')} rules={[{ required: true, message: t('common.required', { field: t('competition.name') }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="level" label={t('competition.level')} rules={[{ required: true }]}>
          <Select options={COMPETITION_LEVELS.map((l) => ({ value: l, label: t(`report.level.${l}`) }))} />
        </Form.Item>
        <Form.Item
          name="dates"
          label={t('competition.dates')}
          extra={t('competition.endsInMonth', { from: period.from, to: period.to })}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('competition.dates') }) }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="organiser"
          label={t('competition.organiser')}
          rules={[{ required: true, message: t('common.required', { field: t('competition.organiser') }) }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="occupation" label={t('competition.occupation')}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="contestants" label={t('competition.contestants')} rules={[{ required: true, message: t('common.required', { field: t('competition.contestants') }) }]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="winners" label={t('competition.winners')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t('competition.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function CompetitionsCard({ report, editable, reasons }: { report: Report; editable: boolean; reasons: Reasons }) {
  const t = useT()
  const showError = useApiError()
  const remove = useDeleteCompetition(report.id)
  const [editing, setEditing] = useState<Competition | 'new' | null>(null)
  const columns: TableColumnsType<Competition> = [
    { title: t('competition.name'), dataIndex: 'name' },
    { title: t('competition.level'), dataIndex: 'level', render: (v: Competition['level']) => t(`report.level.${v}`) },
    { title: t('competition.endsOn'), dataIndex: 'ends_on', render: (v: string) => formatDate(v) },
    { title: t('competition.contestants'), dataIndex: 'contestants' },
    { title: t('competition.winners'), dataIndex: 'winners' },
  ]
  if (editable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => (
        <Space>
          <Button size="small" onClick={() => setEditing(c)}>
            {t('common.edit')}
          </Button>
          <Popconfirm title={t('competition.deleteConfirm')} onConfirm={() => remove.mutateAsync(c).catch(showError)}>
            <Button size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    })
  }
  return (
    <Card
      size="small"
      title={t('report.competitions')}
      style={{ marginBottom: 16 }}
      extra={editable && <Button onClick={() => setEditing('new')}>{t('competition.add')}</Button>}
    >
      <PartReason part="competitions" reasons={reasons} />
      <Table<Competition> rowKey="id" size="small" pagination={false} columns={columns} dataSource={report.competitions} scroll={{ x: 'max-content' }} />
      <CompetitionModal report={report} editing={editing} onClose={() => setEditing(null)} />
    </Card>
  )
}

function AttachmentsCard({ report, editable, reasons }: { report: Report; editable: boolean; reasons: Reasons }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const upload = useUploadReportAttachment(report.id)
  const remove = useDeleteReportAttachment(report.id)
  const [description, setDescription] = useState('')
  const download = async (id: string, name: string) => {
    try {
      const file = await downloadReportAttachment(report.id, id)
      saveBlob(file.blob, file.filename ?? name)
    } catch (err) {
      showError(err)
    }
  }
  return (
    <Card size="small" title={t('report.attachments')} style={{ marginBottom: 16 }}>
      <PartReason part="attachments" reasons={reasons} />
      {editable && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input
            aria-label={t('attachment.description')}
            placeholder={t('attachment.description')}
            maxLength={200}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            style={{ flex: '1 1 160px' }}
          />
          <Upload
            accept={UPLOAD_ACCEPT}
            showUploadList={false}
            customRequest={({ file }) => {
              upload
                .mutateAsync({ file: file as File, description })
                .then(() => {
                  setDescription('')
                  message.success(t('attachment.uploaded'))
                })
                .catch(showError)
            }}
          >
            <Button loading={upload.isPending}>{t('attachment.upload')}</Button>
          </Upload>
        </Flex>
      )}
      <List
        size="small"
        dataSource={report.attachments}
        renderItem={(a) => (
          <List.Item
            actions={
              editable
                ? [
                    <Popconfirm key="del" title={t('attachment.deleteConfirm')} onConfirm={() => remove.mutateAsync(a.id).catch(showError)}>
                      <Button size="small" danger>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>,
                  ]
                : undefined
            }
          >
            <Space direction="vertical" size={0}>
              <Button type="link" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left', height: 'auto' }} onClick={() => void download(a.id, a.original_name)}>
                {a.original_name}
              </Button>
              <Typography.Text type="secondary">
                {a.description} {formatBytes(a.size_bytes)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  )
}

function VersionsCard({ report }: { report: Report }) {
  const t = useT()
  const versions = useReportVersions(report.id)
  const [viewing, setViewing] = useState<number | null>(null)
  const version = useReportVersion(report.id, viewing)
  return (
    <Card size="small" title={t('report.versions')}>
      <List
        size="small"
        locale={{ emptyText: t('report.noVersions') }}
        dataSource={versions.data?.items ?? []}
        renderItem={(v) => (
          <List.Item
            actions={[
              <Button key="view" size="small" onClick={() => setViewing(v.version_no)}>
                {t('report.viewVersion')}
              </Button>,
            ]}
          >
            {t('report.version', { n: v.version_no })} · {formatDateTime(v.submitted_at)} ·{' '}
            {t(v.outcome === 'accepted' ? 'report.outcome.accepted' : v.outcome === 'returned' ? 'report.outcome.returned' : 'report.outcome.pending')}
          </List.Item>
        )}
      />
      <Modal open={viewing !== null} footer={null} onCancel={() => setViewing(null)} title={t('report.version', { n: viewing ?? 0 })} width={720}>
        {version.data && (
          <ReportSnapshotView reportId={report.id} versionNo={version.data.version_no} snapshot={version.data.snapshot} reasons={version.data.outcome_reasons} />
        )}
      </Modal>
    </Card>
  )
}

function SaveStatus({ status, savedAt, error }: { status: string; savedAt: number | null; error: string | null }) {
  const t = useT()
  if (status === 'saving') return <Typography.Text type="secondary">{t('report.saving')}</Typography.Text>
  if (status === 'dirty') return <Typography.Text type="warning">{t('report.unsaved')}</Typography.Text>
  if (status === 'error') return <Typography.Text type="danger">{t('report.saveError', { message: error ?? '' })}</Typography.Text>
  if (status === 'saved' && savedAt) return <Typography.Text type="secondary">{t('report.savedAt', { time: formatTime(savedAt) })}</Typography.Text>
  return null
}

function Editor({ report }: { report: Report }) {
  const t = useT()
  const { message, modal } = App.useApp()
  const showError = useApiError()
  const qc = useQueryClient()
  const { access } = useSession()
  const editable = report.editable && access.canWriteReports
  const [form] = Form.useForm<ReportDraft>()
  const submit = useSubmitReport()
  const restored = useRef(false)
  const autosave = useReportAutosave(
    report.id,
    report.version,
    () => draftBodyOf(form.getFieldsValue(true) as Partial<ReportDraft>),
    (saved) => qc.setQueryData(qk.report(saved.id), saved),
  )
  const initial = useMemo(() => draftOf(report), [report.id]) // eslint-disable-line react-hooks/exhaustive-deps
  const reasons: Reasons = report.status === 'returned' ? (report.return_reasons as Reasons) : {}

  // A copy typed on this device that the server lacks (a crash, a closed tab): restore it, and save it.
  useEffect(() => {
    if (restored.current || !editable) return
    restored.current = true
    const local = readLocalDraft<ReportDraft>(reportDraftKey(report.id))
    // Restored only when typed on the server's current version (nobody saved since); a copy typed on an older version
    // is left in storage rather than sent over someone else's save.
    const decision = restoreDecision(local, { form: draftOf(report), version: report.version, updatedAt: Number.MAX_SAFE_INTEGER })
    if (decision === 'offer' && local) {
      form.setFieldsValue(local.form)
      autosave.edit(draftBodyOf(local.form))
      message.info(t('report.restored'))
    } else if (decision === 'discard' && local && local.baseVersion >= report.version) {
      clearLocalDraft(reportDraftKey(report.id)) // says what the server says
    }
  }, [autosave, editable, form, message, report, t])

  const onSubmit = () =>
    modal.confirm({
      title: t('report.submit'),
      content: t('report.submitConfirm'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const values = draftBodyOf(form.getFieldsValue(true) as Partial<ReportDraft>)
        if (satisfiedExceedsSurveyed(values)) {
          form.setFields([{ name: 'declared_satisfied', errors: [t('report.satisfiedTooMany')] }])
          return
        }
        const version = await autosave.flush()
        if (version === null) return
        try {
          const done = await submit.mutateAsync({ id: report.id, version })
          autosave.reset(done.version)
          clearLocalDraft(reportDraftKey(report.id))
          message.success(t('report.submitted'))
        } catch (err) {
          showError(err)
        }
      },
    })

  const s = autosave.state
  return (
    <>
      {report.status === 'returned' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('report.returnedAlert')} />}
      {!report.editable && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('report.readOnly', { status: t(`report.status.${report.status}`) })} />
      )}
      {s.status === 'conflict' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('report.conflict')}
          action={<Button onClick={() => window.location.reload()}>{t('report.reload')}</Button>}
        />
      )}
      {s.status === 'locked' && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('report.locked', { message: s.error ?? '' })} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        disabled={!editable}
        onValuesChange={() => autosave.edit(draftBodyOf(form.getFieldsValue(true) as Partial<ReportDraft>))}
      >
        <Card size="small" title={t('report.narrative')} style={{ marginBottom: 16 }}>
          <PartReason part="narrative" reasons={reasons} />
          <Form.Item name="progress" label={t('report.progress')}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={10000} showCount />
          </Form.Item>
          <Form.Item name="problems" label={t('report.problems')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={10000} />
          </Form.Item>
          <Form.Item name="next_plan" label={t('report.nextPlan')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={10000} />
          </Form.Item>
        </Card>
        <Card size="small" title={t('report.figures')} style={{ marginBottom: 16 }}>
          <PartReason part="figures" reasons={reasons} />
          <PartReason part="trainees" reasons={reasons} />
          <PartReason part="certificates" reasons={reasons} />
          <Typography.Paragraph type="secondary">{t('report.figuresHint')}</Typography.Paragraph>
          <Row gutter={12}>
            {DECLARED_FIGURES.map((key) => (
              <Col xs={24} sm={12} md={8} key={key}>
                <Form.Item name={key} label={t(`report.figure.${key}`)}>
                  <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
      </Form>
      {(['trainees', 'certificates'] as const).map((kind) => (
        <div key={kind} style={{ marginBottom: 16 }}>
          <PartReason part={kind} reasons={reasons} />
          <RosterPanel reportId={report.id} kind={kind} editable={editable} />
        </div>
      ))}
      <CompetitionsCard report={report} editable={editable} reasons={reasons} />
      <AttachmentsCard report={report} editable={editable} reasons={reasons} />
      {editable && (
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
          <SaveStatus status={s.status} savedAt={s.savedAt} error={s.error} />
          <Button type="primary" onClick={onSubmit} loading={submit.isPending} disabled={s.status === 'conflict' || s.status === 'locked'}>
            {t('report.submit')}
          </Button>
        </Flex>
      )}
      <VersionsCard report={report} />
    </>
  )
}

/** The monthly report editor (notifications link here): narrative, figures, competitions, files; autosaved; submitted. */
export default function ReportEditorPage() {
  const t = useT()
  const { id } = useParams()
  const report = useReport(id)
  if (report.isError) return <QueryError error={report.error} onRetry={() => report.refetch()} />
  if (!report.data) return <Card loading />
  const r = report.data
  return (
    <>
      <PageHeader
        title={t('report.title', { base: r.base_title, n: r.month_no })}
        extra={<ReportStatusTag status={r.status} overdue={r.overdue} />}
      />
      <Typography.Paragraph type="secondary">
        {t('report.period')}：{formatDate(r.period_starts_on)} ~ {formatDate(r.period_ends_on)} · {t('report.dueOn')}：{formatDate(r.due_on)} ·{' '}
        <Link to={`/applicant/bases/${r.base_id}`}>{t('report.back')}</Link>
      </Typography.Paragraph>
      <Editor key={r.id} report={r} />
    </>
  )
}
