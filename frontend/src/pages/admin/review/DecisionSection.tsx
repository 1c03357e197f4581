import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Skeleton, Tag, Typography } from 'antd'
import { useDecide, useDecision, type DecisionInput, type Panel } from '../../../api/reviews'
import type { Application } from '../../../client/types'
import { QueryError } from '../../../components/QueryError'
import { useApiError } from '../../../hooks/useApiError'
import { useT } from '../../../i18n'
import { applyFieldErrors } from '../../../lib/formErrors'
import { formatDateTime } from '../../../lib/format'

/** 审核决定: approve (拟认定, then publicity) or reject, with the 行政部门审核意见 (Table 5). */
export function DecisionSection({ app, panel }: { app: Application; panel: Panel | null }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const decided = !['submitted', 'returned', 'formal_check_passed', 'under_review', 'reviewed', 'draft'].includes(app.status)
  const decision = useDecision(app.id, decided)
  const decide = useDecide(app.id)
  const [form] = Form.useForm<DecisionInput>()
  const choice = Form.useWatch('decision', form)
  const opinionMissing = !panel?.panel_opinion

  if (decided) {
    if (decision.isPending) return <Skeleton active />
    if (decision.isError) return <QueryError error={decision.error} onRetry={() => decision.refetch()} />
    if (!decision.data) return null
    const d = decision.data
    return (
      <Card title={t('rv.decision.title')} data-testid="decision">
        {!d.in_force && (
          <Alert
            type="error"
            showIcon
            data-testid="decision-superseded"
            title={t('rv.decision.superseded')}
            description={t('rv.decision.supersededDetail', {
              at: formatDateTime(d.superseded_at),
              reason: d.superseded_reason ?? '',
            })}
            style={{ marginBottom: 16 }}
          />
        )}
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'decision',
              label: t('rv.decision.result'),
              children: (
                <>
                  <Tag color={!d.in_force ? 'default' : d.decision === 'approved' ? 'green' : 'red'}>
                    {t(d.decision === 'approved' ? 'rv.decision.approved' : 'rv.decision.rejected')}
                  </Tag>
                  {!d.in_force && <Tag color="red">{t('rv.decision.supersededTag')}</Tag>}
                </>
              ),
            },
            {
              key: 'opinion',
              label: t('rv.decision.opinion'),
              children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{d.admin_opinion}</Typography.Text>,
            },
            { key: 'at', label: t('rv.decision.at'), children: formatDateTime(d.decided_at) },
          ]}
        />
      </Card>
    )
  }
  if (app.status !== 'reviewed') return null

  const onFinish = async (v: DecisionInput) => {
    try {
      await decide.mutateAsync({ decision: v.decision, admin_opinion: v.admin_opinion.trim() })
      message.success(t(v.decision === 'approve' ? 'rv.decision.approvedDone' : 'rv.decision.rejectedDone'))
    } catch (err) {
      applyFieldErrors(form, err)
      showError(err)
    }
  }

  return (
    <Card title={t('rv.decision.title')} data-testid="decision-form">
      {opinionMissing && (
        <Alert type="warning" showIcon title={t('rv.decision.opinionMissing')} style={{ marginBottom: 16 }} />
      )}
      <Form<DecisionInput> form={form} layout="vertical" onFinish={onFinish} initialValues={{ decision: 'approve' }}>
        <Form.Item name="decision" label={t('rv.decision.result')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'approve', label: t('rv.decision.approve') },
              { value: 'reject', label: t('rv.decision.reject') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="admin_opinion"
          label={t('rv.decision.opinion')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('rv.decision.opinion') }) }]}
        >
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('rv.decision.opinionPlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" danger={choice === 'reject'} loading={decide.isPending} disabled={opinionMissing}>
          {t(choice === 'reject' ? 'rv.decision.submitReject' : 'rv.decision.submitApprove')}
        </Button>
      </Form>
    </Card>
  )
}
