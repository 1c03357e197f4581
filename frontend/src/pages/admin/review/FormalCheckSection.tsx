import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Radio, Select, Tag, Timeline, Typography } from 'antd'
import { useFormalCheck, useFormalChecks, type FormalCheck, type SectionReason } from '../../../api/reviews'
import type { Application } from '../../../client/types'
import { QueryError } from '../../../components/QueryError'
import { useApiError } from '../../../hooks/useApiError'
import { useT } from '../../../i18n'
import { applyFieldErrors } from '../../../lib/formErrors'
import { formatDateTime } from '../../../lib/format'
import { FORMAL_CHECK_SECTIONS } from './rules'

interface Values {
  decision: 'pass' | 'return'
  reasons: Partial<SectionReason>[]
  comment?: string
}

function CheckHistory({ checks }: { checks: FormalCheck[] }) {
  const t = useT()
  if (checks.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rv.formal.noHistory')} />
  return (
    <Timeline
      items={checks.map((c) => ({
        key: c.id,
        color: c.decision === 'passed' ? 'green' : 'orange',
        content: (
          <div data-testid="formal-check">
            <Flex gap={8} align="center" wrap>
              <Tag color={c.decision === 'passed' ? 'green' : 'orange'}>
                {t(c.decision === 'passed' ? 'rv.formal.passed' : 'rv.formal.returned')}
              </Tag>
              <Typography.Text type="secondary">
                {t('rv.formal.versionNo', { n: c.version_no })} · {formatDateTime(c.decided_at)}
              </Typography.Text>
            </Flex>
            {c.reasons.length > 0 && (
              <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
                {c.reasons.map((r, i) => (
                  <li key={i}>
                    <Typography.Text strong>{r.section}</Typography.Text>：{r.reason}
                  </li>
                ))}
              </ul>
            )}
            {c.comment && <Typography.Paragraph style={{ margin: '8px 0 0' }}>{c.comment}</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  )
}

/** 形式审查: the history of checks and, while the application waits for it, pass or return with reasons per section. */
export function FormalCheckSection({ app }: { app: Application }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const checks = useFormalChecks(app.id)
  const check = useFormalCheck(app.id)
  const [form] = Form.useForm<Values>()
  const decision = Form.useWatch('decision', form)
  const pending = app.status === 'submitted'

  const onFinish = async (v: Values) => {
    const body =
      v.decision === 'pass'
        ? { decision: 'pass' as const, reasons: [], comment: v.comment?.trim() || null }
        : {
            decision: 'return' as const,
            reasons: v.reasons.map((r) => ({ section: r.section!, reason: r.reason!.trim() })),
            comment: v.comment?.trim() || null,
          }
    try {
      await check.mutateAsync(body)
      message.success(t(v.decision === 'pass' ? 'rv.formal.passDone' : 'rv.formal.returnDone'))
      form.resetFields()
    } catch (err) {
      applyFieldErrors(form, err)
      showError(err)
    }
  }

  return (
    <Card title={t('rv.formal.title')} data-testid="formal-check-section">
      {checks.isError ? (
        <QueryError error={checks.error} onRetry={() => checks.refetch()} />
      ) : (
        <CheckHistory checks={checks.data ?? []} />
      )}
      {pending && (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ decision: 'pass', reasons: [{}] }}
          style={{ marginTop: 16 }}
        >
          <Form.Item name="decision" label={t('rv.formal.decision')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'pass', label: t('rv.formal.pass') },
                { value: 'return', label: t('rv.formal.return') },
              ]}
            />
          </Form.Item>
          {decision === 'return' && (
            <Form.List
              name="reasons"
              rules={[
                {
                  validator: async (_, rows: unknown[]) => {
                    if (!rows || rows.length < 1) throw new Error(t('rv.formal.reasonRequired'))
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <Flex vertical gap={0}>
                  <Typography.Text strong style={{ marginBottom: 8 }}>
                    {t('rv.formal.reasons')}
                  </Typography.Text>
                  {fields.map((field, i) => (
                    <Flex key={field.key} gap={8} align="start" wrap>
                      <Form.Item
                        name={[field.name, 'section']}
                        rules={[{ required: true, message: t('common.requiredSelect', { field: t('rv.formal.section') }) }]}
                        style={{ width: 180 }}
                      >
                        <Select
                          aria-label={`${t('rv.formal.section')} ${i + 1}`}
                          placeholder={t('rv.formal.section')}
                          options={FORMAL_CHECK_SECTIONS.map((s) => ({ value: s.label, label: t(`rv.section.${s.key}`) }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'reason']}
                        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('rv.formal.reason') }) }]}
                        style={{ flex: 1, minWidth: 260 }}
                      >
                        <Input aria-label={`${t('rv.formal.reason')} ${i + 1}`} placeholder={t('rv.formal.reasonPlaceholder')} maxLength={2000} />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={`${t('common.delete')} ${i + 1}`}
                        onClick={() => remove(field.name)}
                        disabled={fields.length <= 1}
                      />
                    </Flex>
                  ))}
                  <Form.ErrorList errors={errors} />
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})} style={{ alignSelf: 'start', marginBottom: 16 }}>
                    {t('rv.formal.addReason')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          )}
          <Form.Item name="comment" label={t('rv.formal.comment')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {decision === 'return' && (
            <Alert type="info" showIcon title={t('rv.formal.returnHint')} style={{ marginBottom: 16 }} />
          )}
          <Button type="primary" htmlType="submit" danger={decision === 'return'} loading={check.isPending}>
            {t(decision === 'return' ? 'rv.formal.submitReturn' : 'rv.formal.submitPass')}
          </Button>
        </Form>
      )}
    </Card>
  )
}
