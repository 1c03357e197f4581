import { Alert, App, Button, Card, Flex, Form, Input, Skeleton } from 'antd'
import { usePanel, usePanelOpinion, type Assignment, type Criterion, type Review } from '../../api/reviews'
import { QueryError } from '../../components/QueryError'
import { useApiError } from '../../hooks/useApiError'
import { useT } from '../../i18n'
import { applyFieldErrors } from '../../lib/formErrors'
import { PanelResultView } from '../admin/review/PanelResultView'

/** The lead's 专家组意见, once every review is in (application status "reviewed"); written once. */
function LeadOpinionForm({ appId }: { appId: string }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const opinion = usePanelOpinion(appId)
  const [form] = Form.useForm<{ text: string }>()
  const onFinish = async ({ text }: { text: string }) => {
    try {
      await opinion.mutateAsync(text.trim())
      message.success(t('rv.opinion.panelDone'))
    } catch (err) {
      applyFieldErrors(form, err)
      showError(err)
    }
  }
  return (
    <Card title={t('rv.opinion.panelWrite')} data-testid="lead-opinion-form">
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="text"
          label={t('rv.opinion.panel')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('rv.opinion.panel') }) }]}
          extra={t('rv.opinion.panelHint')}
        >
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={opinion.isPending}>
          {t('rv.opinion.panelSubmit')}
        </Button>
      </Form>
    </Card>
  )
}

/**
 * 专家组: blind until the expert's own review is submitted; then the other reviews and the panel
 * result. The lead writes the panel opinion when all reviews are in.
 */
export function ExpertPanelTab({ assignment, review, rubric }: { assignment: Assignment; review: Review; rubric: Criterion[] }) {
  const t = useT()
  const submitted = review.status === 'submitted'
  const panel = usePanel(assignment.application_id, submitted)
  if (!submitted) return <Alert type="info" showIcon title={t('rv.blind')} />
  if (panel.isPending) return <Skeleton active />
  if (panel.isError) return <QueryError error={panel.error} onRetry={() => panel.refetch()} />
  if (!panel.data) return null
  const p = panel.data
  const allIn = p.result?.complete === true
  return (
    <Flex vertical gap={16}>
      <Flex justify="end">
        <Button onClick={() => void panel.refetch()} loading={panel.isFetching}>
          {t('rv.refresh')}
        </Button>
      </Flex>
      <PanelResultView panel={p} rubric={rubric} />
      {assignment.is_lead && !p.panel_opinion &&
        (allIn ? (
          <LeadOpinionForm appId={assignment.application_id} />
        ) : (
          <Alert type="info" showIcon title={t('rv.opinion.panelWaiting')} />
        ))}
    </Flex>
  )
}
