/**
 * 重复证书: groups of certificate rows with the same person and certificate number (across months or bases). None of
 * a group's rows counts until an administrator chooses the one that does (or none), with a reason.
 */
import { Button, Card, Flex, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useDuplicates, useResolveDuplicate } from '../../api/rosters'
import type { DuplicateGroup, DuplicateRow, DuplicateStatus } from '../../client/types'
import { PageHeader } from '../../components/PageHeader'
import { QueryError } from '../../components/QueryError'
import { useApiError } from '../../hooks/useApiError'
import { usePagination } from '../../hooks/usePagination'
import { useT } from '../../i18n'
import { formatDate, formatDateTime } from '../../lib/format'

type Spans = 'true' | 'false'

export default function DuplicatesPage() {
  const t = useT()
  const [status, setStatus] = useState<DuplicateStatus | undefined>('open')
  const [spans, setSpans] = useState<Spans | undefined>()
  const [resolving, setResolving] = useState<DuplicateGroup | null>(null)
  const pagination = usePagination()
  const list = useDuplicates({
    ...pagination.query,
    status,
    spans_bases: spans === undefined ? undefined : spans === 'true',
  })

  const columns: TableColumnsType<DuplicateGroup> = [
    {
      title: t('duplicates.person'),
      key: 'person',
      render: (_, g) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>{g.rows[0]?.name ?? '—'}</Typography.Text>
          <Typography.Text type="secondary">{g.rows[0]?.id_masked}</Typography.Text>
        </Space>
      ),
    },
    { title: t('roster.col.certificateNo'), key: 'no', render: (_, g) => g.rows[0]?.certificate_no ?? '—' },
    {
      title: t('duplicates.bases'),
      key: 'bases',
      render: (_, g) => (
        <Space direction="vertical" size={0}>
          {g.rows.map((r) => (
            <Typography.Text key={r.id}>
              {r.base_title} · {t('duplicates.month', { month: r.month_no })}
              {g.counted_row_id === r.id && (
                <Tag color="success" style={{ marginInlineStart: 8 }}>
                  {t('duplicates.countedTag')}
                </Tag>
              )}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    {
      title: t('duplicates.filterSpans'),
      dataIndex: 'spans_bases',
      render: (v: boolean) => <Tag color={v ? 'red' : 'orange'}>{t(v ? 'duplicates.spans.true' : 'duplicates.spans.false')}</Tag>,
    },
    {
      title: t('duplicates.filterStatus'),
      dataIndex: 'status',
      render: (v: DuplicateStatus, g) => (
        <Space direction="vertical" size={0}>
          <Tag color={v === 'open' ? 'warning' : 'default'}>{t(`duplicates.status.${v}`)}</Tag>
          {g.reason && <Typography.Text type="secondary">{g.reason}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('duplicates.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, g) =>
        g.status === 'open' ? (
          <Button size="small" type="primary" onClick={() => setResolving(g)} aria-label={`${t('duplicates.resolve')} ${g.rows[0]?.name ?? ''}`}>
            {t('duplicates.resolve')}
          </Button>
        ) : (
          '—'
        ),
    },
  ]

  return (
    <>
      <PageHeader title={t('duplicates.title')} />
      <Typography.Paragraph type="secondary">{t('duplicates.intro')}</Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<DuplicateStatus | 'all'>
          aria-label={t('duplicates.filterStatus')}
          style={{ minWidth: 140 }}
          value={status ?? 'all'}
          onChange={(v) => {
            setStatus(v === 'all' ? undefined : v)
            pagination.reset()
          }}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'open', label: t('duplicates.status.open') },
            { value: 'resolved', label: t('duplicates.status.resolved') },
          ]}
        />
        <Select<Spans | 'all'>
          aria-label={t('duplicates.filterSpans')}
          style={{ minWidth: 160 }}
          value={spans ?? 'all'}
          onChange={(v) => {
            setSpans(v === 'all' ? undefined : v)
            pagination.reset()
          }}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'true', label: t('duplicates.spans.true') },
            { value: 'false', label: t('duplicates.spans.false') },
          ]}
        />
      </Flex>
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<DuplicateGroup>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={pagination.tableProps(list.data?.total)}
        scroll={{ x: 'max-content' }}
      />
      {resolving && <ResolveDialog group={resolving} onClose={() => setResolving(null)} />}
    </>
  )
}

/** The group's rows side by side; choose the one that counts (or none) and give a reason. */
function ResolveDialog({ group, onClose }: { group: DuplicateGroup; onClose: () => void }) {
  const t = useT()
  const showError = useApiError()
  const resolve = useResolveDuplicate()
  const [form] = Form.useForm<{ counted: number | 'none'; reason: string }>()

  const submit = async () => {
    const values = await form.validateFields()
    resolve.mutate(
      { id: group.id, body: { counted_row_id: values.counted === 'none' ? null : values.counted, reason: values.reason } },
      { onSuccess: onClose, onError: showError },
    )
  }

  return (
    <Modal
      open
      title={t('duplicates.resolveTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={resolve.isPending}
      width={880}
    >
      <Form form={form} layout="vertical" initialValues={{ counted: 'none' }}>
        <Form.Item name="counted" label={t('duplicates.counted')} rules={[{ required: true }]}>
          <Radio.Group style={{ width: '100%' }}>
            <Flex gap={12} wrap>
              {group.rows.map((r) => (
                <RowCard key={r.id} row={r} />
              ))}
              <Radio value="none">{t('duplicates.none')}</Radio>
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('duplicates.reason')}
          rules={[{ required: true, whitespace: true, message: t('duplicates.reasonRequired') }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function RowCard({ row }: { row: DuplicateRow }) {
  const t = useT()
  return (
    <Card size="small" style={{ flex: '1 1 240px', minWidth: 0 }}>
      <Radio value={row.id}>
        <Typography.Text strong>{t('duplicates.rowOf', { base: row.base_title, month: row.month_no, row: row.row_no })}</Typography.Text>
      </Radio>
      <dl style={{ margin: '8px 0 0', display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 8px' }}>
        <dt>{t('roster.col.name')}</dt>
        <dd style={{ margin: 0 }}>{row.name}</dd>
        <dt>{t('roster.col.idNumber')}</dt>
        <dd style={{ margin: 0 }}>{row.id_masked}</dd>
        <dt>{t('roster.col.kind')}</dt>
        <dd style={{ margin: 0 }}>
          {t(`roster.kindLabel.${row.kind}`)}
          {row.level ? ` · ${t(`roster.level.${row.level}`)}` : ''}
        </dd>
        <dt>{t('roster.col.occupation')}</dt>
        <dd style={{ margin: 0 }}>{row.occupation}</dd>
        <dt>{t('roster.col.certificateNo')}</dt>
        <dd style={{ margin: 0 }}>{row.certificate_no}</dd>
        <dt>{t('roster.col.issuedOn')}</dt>
        <dd style={{ margin: 0 }}>
          {formatDate(row.issued_on)} · {row.issuing_body}
        </dd>
      </dl>
    </Card>
  )
}
