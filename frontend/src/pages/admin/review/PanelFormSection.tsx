import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons'
import { Alert, App, Button, Card, DatePicker, Flex, Form, Radio, Table, Tag, Typography, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { useFormPanel, usePanelSuggestions, type ExpertSuggestion } from '../../../api/reviews'
import type { Application } from '../../../client/types'
import { QueryError } from '../../../components/QueryError'
import { useT } from '../../../i18n'
import { ApiError } from '../../../lib/errors'
import { checkPanel, MIN_PANEL } from './rules'

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const

function RuleLine({ ok, text, testId }: { ok: boolean; text: string; testId: string }) {
  const t = useT()
  return (
    <Flex gap={6} align="center" data-testid={testId} data-ok={ok ? 'yes' : 'no'}>
      {ok ? (
        <CheckCircleFilled style={{ color: '#52c41a' }} aria-hidden />
      ) : (
        <CloseCircleFilled style={{ color: '#ff4d4f' }} aria-hidden />
      )}
      <span>{text}</span>
      <span style={VISUALLY_HIDDEN}>{t(ok ? 'rv.panel.ruleMet' : 'rv.panel.ruleNotMet')}</span>
    </Flex>
  )
}

/**
 * 组建专家组: ranked suggestions (specialty match, open load, who must stand aside), chosen members,
 * the lead, a due date. The rule "至少3人且为单数、回避本单位专家" is checked live; the server checks it again.
 */
export function PanelFormSection({ app }: { app: Application }) {
  const t = useT()
  const { message } = App.useApp()
  const suggestions = usePanelSuggestions(app.id)
  const formPanel = useFormPanel(app.id)
  const [selected, setSelected] = useState<string[]>([])
  const [lead, setLead] = useState<string | null>(null)
  const [dueOn, setDueOn] = useState<Dayjs | null>(() => dayjs().add(14, 'day'))
  const [serverError, setServerError] = useState<ApiError | null>(null)

  const rows = useMemo(() => suggestions.data ?? [], [suggestions.data])
  const check = checkPanel(selected, lead, rows)
  const leadOk = lead !== null && selected.includes(lead)

  const onSelect = (keys: string[]) => {
    setSelected(keys)
    if (lead && !keys.includes(lead)) setLead(null)
    setServerError(null)
  }

  const submit = async () => {
    setServerError(null)
    try {
      await formPanel.mutateAsync({
        expert_ids: selected,
        lead_expert_id: lead!,
        due_on: dueOn ? dueOn.format('YYYY-MM-DD') : null,
      })
      message.success(t('rv.panel.formed'))
    } catch (err) {
      if (err instanceof ApiError) setServerError(err)
      else message.error(t('errors.unknown'))
    }
  }

  const columns: TableColumnsType<ExpertSuggestion> = [
    {
      title: t('experts.name'),
      dataIndex: 'name',
      render: (name: string, e) => (
        <Flex gap={6} align="center">
          {name}
          {lead === e.expert_id && <Tag color="blue">{t('rv.panel.lead')}</Tag>}
        </Flex>
      ),
    },
    { title: t('experts.organizationName'), dataIndex: 'organization_name' },
    { title: t('experts.title_'), dataIndex: 'title' },
    {
      title: t('experts.specialties'),
      dataIndex: 'specialties',
      render: (v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>),
    },
    {
      title: t('rv.panel.match'),
      dataIndex: 'match',
      width: 90,
      render: (v: number) => <Tag color={v > 0 ? 'green' : 'default'}>{v}</Tag>,
    },
    { title: t('rv.panel.load'), dataIndex: 'load', width: 90 },
    {
      title: t('rv.panel.excluded'),
      dataIndex: 'excluded',
      render: (v: string | null) => (v ? <Tag color="red">{v}</Tag> : '—'),
    },
    {
      title: t('rv.panel.lead'),
      key: 'lead',
      width: 80,
      render: (_, e) => (
        <Radio
          checked={lead === e.expert_id}
          disabled={!selected.includes(e.expert_id)}
          onChange={() => setLead(e.expert_id)}
          aria-label={`${t('rv.panel.makeLead')} ${e.name}`}
        />
      ),
    },
  ]

  return (
    <Card title={t('rv.panel.formTitle')} data-testid="panel-form">
      {suggestions.isError && <QueryError error={suggestions.error} onRetry={() => suggestions.refetch()} />}
      <Alert type="info" showIcon title={t('rv.panel.rule')} style={{ marginBottom: 12 }} />
      <Table<ExpertSuggestion>
        size="small"
        rowKey="expert_id"
        columns={columns}
        dataSource={rows}
        loading={suggestions.isFetching}
        pagination={false}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => onSelect(keys as string[]),
          getCheckboxProps: (e) => ({
            disabled: !!e.excluded,
            'aria-label': `${t('rv.panel.choose')} ${e.name}`,
          }),
        }}
      />
      <Flex gap={32} wrap style={{ marginTop: 16 }} align="start">
        <Flex vertical gap={4} aria-live="polite" data-testid="panel-rule">
          <Typography.Text strong>{t('rv.panel.ruleCheck')}</Typography.Text>
          <RuleLine ok={check.enough} testId="rule-min" text={t('rv.panel.ruleMin', { min: MIN_PANEL, n: check.size })} />
          <RuleLine ok={check.size > 0 && check.odd} testId="rule-odd" text={t('rv.panel.ruleOdd')} />
          <RuleLine ok={check.noExcluded} testId="rule-excluded" text={t('rv.panel.ruleExcluded')} />
          <RuleLine ok={leadOk} testId="rule-lead" text={t('rv.panel.ruleLead')} />
        </Flex>
        <Form layout="vertical">
          <Form.Item label={t('rv.panel.dueOn')} htmlFor="panel-due-on">
            <DatePicker
              id="panel-due-on"
              value={dueOn}
              onChange={setDueOn}
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
              allowClear
            />
          </Form.Item>
        </Form>
      </Flex>
      {serverError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={serverError.message}
          description={
            serverError.fieldErrors.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {serverError.fieldErrors.map((f, i) => (
                  <li key={i}>{f.message}</li>
                ))}
              </ul>
            )
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Button
        type="primary"
        disabled={!check.valid}
        loading={formPanel.isPending}
        onClick={() => void submit()}
        style={{ marginTop: 8 }}
      >
        {t('rv.panel.submit', { n: check.size })}
      </Button>
    </Card>
  )
}
