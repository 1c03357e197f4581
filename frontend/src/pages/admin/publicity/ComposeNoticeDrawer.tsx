import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input, Table, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { useCalls } from '../../../api/calls'
import { useCreateNotice } from '../../../api/publicity'
import { useReviewQueue } from '../../../api/reviews'
import type { ApplicationSummary } from '../../../client/types'
import { QueryError } from '../../../components/QueryError'
import { useSession } from '../../../hooks/useAccess'
import { useT } from '../../../i18n'
import { ApiError } from '../../../lib/errors'
import { applyFieldErrors } from '../../../lib/formErrors'
import { formatDateTime } from '../../../lib/format'
import { defaultPeriod, periodDays, publicityDays } from './period'

interface Values {
  title: string
  body: string
  contact: string
  period: [Dayjs, Dayjs]
}

/**
 * 拟定公示: pick approved applications (拟认定), title, body, contact and the period (defaulting to
 * the calls' publicity days from today). Saved as a draft; publishing is a separate step.
 */
export function ComposeNoticeDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const { access } = useSession()
  const approved = useReviewQueue({ status: 'approved', limit: 100, offset: 0 }, open)
  const calls = useCalls({ limit: 100, offset: 0 }, open && access.canManageCalls)
  const create = useCreateNotice()
  const [form] = Form.useForm<Values>()
  const [selected, setSelected] = useState<string[]>([])
  const [datesTouched, setDatesTouched] = useState(false)
  const [serverError, setServerError] = useState<ApiError | null>(null)

  const daysByCall = useMemo(() => new Map((calls.data?.items ?? []).map((c) => [c.id, c.publicity_days])), [calls.data])
  const rows = approved.data?.items ?? []
  const minDays = publicityDays(
    rows.filter((r) => selected.includes(r.id)).map((r) => r.call_id),
    daysByCall,
  )

  const onSelect = (keys: string[]) => {
    setSelected(keys)
    if (!datesTouched) {
      const callIds = rows.filter((r) => keys.includes(r.id)).map((r) => r.call_id)
      form.setFieldValue('period', defaultPeriod(publicityDays(callIds, daysByCall)))
    }
  }

  const onFinish = async (v: Values) => {
    setServerError(null)
    try {
      const notice = await create.mutateAsync({
        title: v.title.trim(),
        body: v.body.trim(),
        contact: v.contact.trim(),
        application_ids: selected,
        starts_on: v.period[0].format('YYYY-MM-DD'),
        ends_on: v.period[1].format('YYYY-MM-DD'),
      })
      message.success(t('notice.created'))
      onClose()
      navigate(`/admin/notices/${notice.id}`)
    } catch (err) {
      applyFieldErrors(form, err)
      if (err instanceof ApiError) setServerError(err)
      else message.error(t('errors.unknown'))
    }
  }

  const columns: TableColumnsType<ApplicationSummary> = [
    { title: t('org.name'), dataIndex: 'organization_name' },
    { title: t('rv.queue.baseType'), dataIndex: 'base_type', render: (v: ApplicationSummary['base_type']) => t(`enum.baseType.${v}`) },
    { title: t('rv.queue.call'), dataIndex: 'call_name' },
    { title: t('rv.queue.changedAt'), dataIndex: 'status_changed_at', render: (v: string | null) => formatDateTime(v) },
  ]

  return (
    <Drawer open={open} onClose={onClose} size={880} title={t('notice.compose')} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          title: t('notice.defaultTitle', { year: dayjs().year() }),
          body: t('notice.defaultBody'),
          contact: t('notice.defaultContact'),
          period: defaultPeriod(null),
        }}
      >
        <Form.Item label={t('notice.applications')} required>
          {approved.isError && <QueryError error={approved.error} onRetry={() => approved.refetch()} />}
          <Table<ApplicationSummary>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={approved.isFetching}
            pagination={false}
            locale={{ emptyText: t('notice.noApproved') }}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => onSelect(keys as string[]),
              getCheckboxProps: (a) => ({ 'aria-label': `${t('notice.pick')} ${a.organization_name}` }),
            }}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('notice.title_')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('common.required', { field: t('notice.title_') }) }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('notice.body')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('notice.body') }) }]}
        >
          <Input.TextArea rows={6} maxLength={10000} showCount />
        </Form.Item>
        <Form.Item
          name="contact"
          label={t('notice.contact')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('common.required', { field: t('notice.contact') }) }]}
        >
          <Input maxLength={300} placeholder={t('notice.contactPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('notice.period')}
          extra={t('notice.periodHint', { days: minDays })}
          rules={[
            { required: true, message: t('common.requiredSelect', { field: t('notice.period') }) },
            {
              validator: (_, v?: [Dayjs, Dayjs] | null) =>
                !v || periodDays(v[0], v[1]) >= minDays
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('notice.periodTooShort', { days: minDays }))),
            },
          ]}
        >
          <DatePicker.RangePicker
            aria-label={t('notice.period')}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            onChange={() => setDatesTouched(true)}
          />
        </Form.Item>
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
            style={{ marginBottom: 16 }}
          />
        )}
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={create.isPending} disabled={selected.length === 0}>
            {t('notice.saveDraft', { n: selected.length })}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Flex>
      </Form>
    </Drawer>
  )
}
