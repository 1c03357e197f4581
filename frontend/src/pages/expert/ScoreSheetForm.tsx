import { DeleteOutlined, PlusOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons'
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
  Popconfirm,
  Radio,
  Row,
  Select,
  Statistic,
  Typography,
} from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { qk } from '../../api/keys'
import { fetchMyReview, useSaveReview, useSubmitReview, type Criterion, type Finding, type Review, type ReviewInput } from '../../api/reviews'
import { useT } from '../../i18n'
import { ApiError } from '../../lib/errors'
import { applyFieldErrors } from '../../lib/formErrors'
import { cleanScores, defaultFindings, FINDING_RESULTS, rubricMax, runningTotal } from './scoreSheet'
import { PhotoUpload } from './PhotoUpload'

interface Values {
  scores: Record<string, number | null | undefined>
  visited_on: Dayjs | null
  place?: string | null
  findings: Partial<Finding>[]
  opinion?: string | null
  recommend?: boolean | null
}

function toValues(review: Review): Values {
  const visit = review.site_visit
  return {
    scores: { ...(review.scores as Record<string, number>) },
    visited_on: visit.visited_on ? dayjs(visit.visited_on) : null,
    place: visit.place ?? '',
    findings: visit.findings?.length ? visit.findings : defaultFindings(),
    opinion: review.opinion ?? '',
    recommend: review.recommend ?? null,
  }
}

function toBody(v: Values, rubric: Criterion[]): ReviewInput {
  return {
    scores: cleanScores(v.scores, rubric),
    site_visit: {
      visited_on: v.visited_on ? v.visited_on.format('YYYY-MM-DD') : null,
      place: v.place?.trim() || null,
      findings: (v.findings ?? [])
        .filter((f) => f.item?.trim())
        .map((f) => ({ item: f.item!.trim(), result: f.result ?? null, note: f.note?.trim() || null })),
    },
    opinion: v.opinion?.trim() || null,
    recommend: v.recommend ?? null,
  }
}

/**
 * 评分表 and 现场核查 of one expert: scores per rubric criterion (running total out of 100), site
 * visit with findings and photos, opinion, recommendation. 保存草稿 and 提交 send If-Match; a
 * submitted review is locked (the parent shows it read-only).
 */
export function ScoreSheetForm({ memberId, appId, review, rubric }: { memberId: string; appId: string; review: Review; rubric: Criterion[] }) {
  const t = useT()
  const qc = useQueryClient()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const save = useSaveReview(memberId)
  const submit = useSubmitReview(memberId, appId)
  const [problem, setProblem] = useState<ApiError | null>(null)
  const scores = Form.useWatch('scores', form)
  const total = runningTotal(scores, rubric)
  const max = rubricMax(rubric)

  const onError = async (err: unknown) => {
    if (err instanceof ApiError && err.status === 412) {
      message.warning(t('score.stale'))
      try {
        const fresh = await fetchMyReview(memberId)
        qc.setQueryData(qk.myReview(memberId), fresh)
        form.setFieldsValue(toValues(fresh))
      } catch {
        // the page's own query reports the failure
      }
      return
    }
    applyFieldErrors(form, err)
    if (err instanceof ApiError) setProblem(err)
    else message.error(t('errors.unknown'))
  }

  const onSave = async () => {
    setProblem(null)
    try {
      await save.mutateAsync({ version: review.version, body: toBody(form.getFieldsValue(true), rubric) })
      message.success(t('score.saved'))
    } catch (err) {
      await onError(err)
    }
  }

  const onSubmit = async () => {
    setProblem(null)
    let values: Values
    try {
      values = await form.validateFields()
    } catch {
      message.error(t('score.incomplete'))
      return
    }
    try {
      await submit.mutateAsync({ version: review.version, body: toBody({ ...form.getFieldsValue(true), ...values }, rubric) })
      message.success(t('score.submitted'))
    } catch (err) {
      await onError(err)
    }
  }

  const busy = save.isPending || submit.isPending
  return (
    <Form<Values> form={form} layout="vertical" initialValues={toValues(review)} scrollToFirstError data-testid="score-sheet">
      <Card
        title={t('score.title')}
        extra={
          <div aria-live="polite" data-testid="running-total">
            <Statistic title={t('score.runningTotal')} value={total} suffix={`/ ${max}`} />
          </div>
        }
        style={{ marginBottom: 16 }}
      >
        <Row gutter={[24, 0]}>
          {rubric.map((c) => (
            <Col xs={24} md={12} key={c.key}>
              <Form.Item
                name={['scores', c.key]}
                label={`${c.name}（${t('score.max', { max: c.max_points })}）`}
                extra={c.description || undefined}
                rules={[
                  { required: true, message: t('score.required', { name: c.name }) },
                  { type: 'integer', min: 0, max: c.max_points, message: t('score.range', { name: c.name, max: c.max_points }) },
                ]}
              >
                <InputNumber min={0} max={c.max_points} precision={0} step={1} style={{ width: 160 }} suffix={`/ ${c.max_points}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>

      <Card title={t('rv.site.title')} style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          <Col xs={24} md={8}>
            <Form.Item
              name="visited_on"
              label={t('rv.site.date')}
              rules={[{ required: true, message: t('common.requiredSelect', { field: t('rv.site.date') }) }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="place"
              label={t('rv.site.place')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('rv.site.place') }) }]}
            >
              <Input maxLength={300} placeholder={t('rv.site.placePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('rv.site.findings')}</Typography.Text>
        <Form.List name="findings">
          {(fields, { add, remove }) => (
            <Flex vertical style={{ marginTop: 8 }}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="start" wrap data-testid="finding-row">
                  <Form.Item
                    name={[field.name, 'item']}
                    rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('rv.site.item') }) }]}
                    style={{ flex: 2, minWidth: 240 }}
                  >
                    <Input aria-label={`${t('rv.site.item')} ${i + 1}`} maxLength={200} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'result']}
                    rules={[{ required: true, message: t('common.requiredSelect', { field: t('rv.site.result') }) }]}
                    style={{ width: 140 }}
                  >
                    <Select
                      aria-label={`${t('rv.site.result')} ${i + 1}`}
                      placeholder={t('rv.site.result')}
                      options={FINDING_RESULTS.map((r) => ({ value: r, label: t(`rv.finding.${r}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} style={{ flex: 2, minWidth: 200 }}>
                    <Input aria-label={`${t('rv.site.note')} ${i + 1}`} placeholder={t('rv.site.note')} maxLength={2000} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={`${t('common.delete')} ${t('rv.site.item')} ${i + 1}`}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({ item: '', result: null, note: null })}
                style={{ alignSelf: 'start', marginBottom: 16 }}
              >
                {t('rv.site.addItem')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <PhotoUpload memberId={memberId} appId={appId} review={review} />
      </Card>

      <Card title={t('rv.opinion.card')} style={{ marginBottom: 16 }}>
        <Form.Item
          name="opinion"
          label={t('rv.opinion.label')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('rv.opinion.label') }) }]}
        >
          <Input.TextArea rows={5} maxLength={5000} showCount placeholder={t('rv.opinion.placeholder')} />
        </Form.Item>
        <Form.Item
          name="recommend"
          label={t('rv.recommend.label')}
          rules={[{ required: true, type: 'boolean', message: t('common.requiredSelect', { field: t('rv.recommend.label') }) }]}
        >
          <Radio.Group
            options={[
              { value: true, label: t('rv.recommend.yes') },
              { value: false, label: t('rv.recommend.no') },
            ]}
          />
        </Form.Item>
      </Card>

      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problem.message}
          description={
            problem.fieldErrors.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problem.fieldErrors.map((f, i) => (
                  <li key={i}>{f.message}</li>
                ))}
              </ul>
            )
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Flex gap={12} wrap>
        <Button icon={<SaveOutlined aria-hidden />} onClick={() => void onSave()} loading={save.isPending} disabled={busy && !save.isPending}>
          {t('score.saveDraft')}
        </Button>
        <Popconfirm title={t('score.submitConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={onSubmit}>
          <Button type="primary" icon={<SendOutlined aria-hidden />} loading={submit.isPending} disabled={busy && !submit.isPending}>
            {t('score.submit')}
          </Button>
        </Popconfirm>
        <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
          {t('score.version', { v: review.version })}
        </Typography.Text>
      </Flex>
    </Form>
  )
}
