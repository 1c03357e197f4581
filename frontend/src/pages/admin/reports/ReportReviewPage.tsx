import { Alert, App, Button, Card, Checkbox, Col, Empty, Flex, Form, Input, Modal, Popconfirm, Row, Typography } from 'antd'
import { useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import {
  REPORT_PARTS,
  useAcceptReport,
  useReport,
  useReportVersion,
  useReturnReport,
  type Report,
  type ReportPart,
} from '../../../api/reports'
import { PageHeader } from '../../../components/PageHeader'
import { QueryError } from '../../../components/QueryError'
import { ReportSnapshotView } from '../../../components/reports/ReportSnapshotView'
import { ReportStatusTag } from '../../../components/reports/ReportStatusTag'
import { useApiError } from '../../../hooks/useApiError'
import { useT } from '../../../i18n'
import { formatDate, formatDateTime } from '../../../lib/format'
import { RosterPanel } from '../../../components/roster/RosterPanel'

type Reasons = Partial<Record<ReportPart, string>>

/** 退回修改: tick the parts to revise, each with its own reason (the server refuses a part without one). */
function ReturnModal({ report, open, onClose }: { report: Report; open: boolean; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const send = useReturnReport()
  const [parts, setParts] = useState<ReportPart[]>([])
  const [form] = Form.useForm<Reasons>()
  const [partsError, setPartsError] = useState(false)
  const onOk = async () => {
    if (parts.length === 0) {
      setPartsError(true)
      return
    }
    const values = await form.validateFields().catch(() => null)
    if (!values) return
    const reasons: Reasons = Object.fromEntries(parts.map((p) => [p, (values[p] ?? '').trim()]))
    try {
      await send.mutateAsync({ id: report.id, version: report.version, reasons })
      message.success(t('reportReview.returned'))
      onClose()
    } catch (err) {
      showError(err)
    }
  }
  return (
    <Modal
      open={open}
      title={t('reportReview.return')}
      okText={t('reportReview.return')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={send.isPending}
      onOk={onOk}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('reportReview.returnTitle')}</Typography.Paragraph>
      <Checkbox.Group
        value={parts}
        onChange={(v) => {
          setParts(v as ReportPart[])
          setPartsError(false)
        }}
        options={REPORT_PARTS.map((p) => ({ value: p, label: t(`report.part.${p}`) }))}
        style={{ marginBottom: 12 }}
      />
      {partsError && <Alert type="error" showIcon message={t('reportReview.returnPartsRequired')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        {parts.map((p) => (
          <Form.Item
            key={p}
            name={p}
            label={t(`report.part.${p}`)}
            rules={[{ required: true, whitespace: true, message: t('reportReview.reasonRequired', { part: t(`report.part.${p}`) }) }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  )
}

/** The administrator's review: the submitted version beside the previous one, accept or return per part. */
export default function ReportReviewPage() {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const { id } = useParams()
  const report = useReport(id)
  const latestNo = report.data?.submitted_versions || null
  const latest = useReportVersion(id, latestNo)
  const previous = useReportVersion(id, latestNo && latestNo > 1 ? latestNo - 1 : null)
  const accept = useAcceptReport()
  const [returning, setReturning] = useState(false)

  if (report.isError) return <QueryError error={report.error} onRetry={() => report.refetch()} />
  if (!report.data) return <Card loading />
  const r = report.data
  const onAccept = async () => {
    try {
      await accept.mutateAsync({ id: r.id, version: r.version })
      message.success(t('reportReview.accepted'))
    } catch (err) {
      showError(err)
    }
  }

  return (
    <>
      <PageHeader title={t('reportReview.title', { base: r.organization_name, n: r.month_no })} extra={<ReportStatusTag status={r.status} overdue={r.overdue} />} />
      <Typography.Paragraph type="secondary">
        {r.base_title} · {t('report.period')}：{formatDate(r.period_starts_on)} ~ {formatDate(r.period_ends_on)} · {t('report.dueOn')}：
        {formatDate(r.due_on)} · {t('report.submittedAt')}：{formatDateTime(r.submitted_at)} · <Link to="/app/admin/reports">{t('reportReview.back')}</Link>
      </Typography.Paragraph>
      {r.status === 'submitted' ? (
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Popconfirm title={t('reportReview.acceptConfirm')} onConfirm={onAccept}>
            <Button type="primary" loading={accept.isPending}>
              {t('reportReview.accept')}
            </Button>
          </Popconfirm>
          <Button danger onClick={() => setReturning(true)}>
            {t('reportReview.return')}
          </Button>
        </Flex>
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('reportReview.notSubmitted', { status: t(`report.status.${r.status}`) })} />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t('reportReview.current', { n: latestNo ?? 0 })}</Typography.Title>
          {latest.isError && <QueryError error={latest.error} onRetry={() => latest.refetch()} />}
          {latest.data ? (
            <ReportSnapshotView reportId={r.id} versionNo={latest.data.version_no} snapshot={latest.data.snapshot} reasons={latest.data.outcome_reasons} />
          ) : (
            !latestNo && <Empty description={t('report.noVersions')} />
          )}
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>
            {latestNo && latestNo > 1 ? t('reportReview.previous', { n: latestNo - 1 }) : t('reportReview.noPrevious')}
          </Typography.Title>
          {previous.data && (
            <ReportSnapshotView reportId={r.id} versionNo={previous.data.version_no} snapshot={previous.data.snapshot} reasons={previous.data.outcome_reasons} />
          )}
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('reportReview.rosters')}
      </Typography.Title>
      <Row gutter={16}>
        {(['trainees', 'certificates'] as const).map((kind) => (
          <Col xs={24} lg={12} key={kind} style={{ marginBottom: 16 }}>
            <RosterPanel reportId={r.id} kind={kind} editable={false} />
          </Col>
        ))}
      </Row>
      <ReturnModal report={r} open={returning} onClose={() => setReturning(false)} />
    </>
  )
}
