import { App, Button, DatePicker, Form, Modal, Table, Tag, type TableColumnsType } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useBases, useIssuePlaque, type Base } from '../../../api/publicity'
import { PageHeader } from '../../../components/PageHeader'
import { QueryError } from '../../../components/QueryError'
import { useApiError } from '../../../hooks/useApiError'
import { useSession } from '../../../hooks/useAccess'
import { usePagination } from '../../../hooks/usePagination'
import { useT } from '../../../i18n'
import { formatDate } from '../../../lib/format'

function PlaqueModal({ base, onClose }: { base: Base | null; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const issue = useIssuePlaque()
  const [form] = Form.useForm<{ issued_on: Dayjs }>()
  const onOk = async () => {
    if (!base) return
    const v = await form.validateFields().catch(() => null)
    if (!v) return // the form shows what is missing
    try {
      await issue.mutateAsync({ id: base.id, issuedOn: v.issued_on.format('YYYY-MM-DD') })
      message.success(t('bases.plaqueDone'))
      onClose()
    } catch (err) {
      showError(err)
    }
  }
  return (
    <Modal
      open={!!base}
      title={t('bases.plaqueTitle', { name: base?.organization_name ?? '' })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={issue.isPending}
      onOk={onOk}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{base?.title}</p>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ issued_on: dayjs() }}>
        <Form.Item
          name="issued_on"
          label={t('bases.plaqueIssuedOn')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('bases.plaqueIssuedOn') }) }]}
        >
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 基地: every recognised base; 登记铭牌发放 records the plaque handed over. */
export default function BasesPage() {
  const t = useT()
  const { access } = useSession()
  const pagination = usePagination()
  const list = useBases(pagination.query)
  const [issuing, setIssuing] = useState<Base | null>(null)

  const columns: TableColumnsType<Base> = [
    { title: t('org.name'), dataIndex: 'organization_name' },
    { title: t('bases.title_'), dataIndex: 'title' },
    { title: t('assign.specialties'), dataIndex: 'specialties', render: (v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>) },
    { title: t('bases.documentNumber'), dataIndex: 'document_number' },
    { title: t('bases.recognisedOn'), dataIndex: 'recognised_on', render: (v: string) => formatDate(v) },
    { title: t('common.status'), dataIndex: 'status', render: (v: string) => <Tag color="blue">{t(v === 'under_construction' ? 'bases.status.under_construction' : 'bases.status.other')}</Tag> },
    {
      title: t('bases.plaque'),
      key: 'plaque',
      render: (_, b) =>
        b.plaque_issued_on ? (
          <Tag color="green">{t('bases.plaqueIssued', { date: formatDate(b.plaque_issued_on) })}</Tag>
        ) : access.canManagePublicity ? (
          <Button size="small" onClick={() => setIssuing(b)} aria-label={`${t('bases.issuePlaque')} ${b.organization_name}`}>
            {t('bases.issuePlaque')}
          </Button>
        ) : (
          <Tag>{t('bases.plaqueNotIssued')}</Tag>
        ),
    },
  ]

  return (
    <>
      <PageHeader title={t('bases.listTitle')} />
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<Base>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={pagination.tableProps(list.data?.total)}
      />
      <PlaqueModal base={issuing} onClose={() => setIssuing(null)} />
    </>
  )
}
