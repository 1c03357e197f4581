import { Card, Table, Tag, type TableColumnsType } from 'antd'
import { usePublicBases, type Base } from '../../../api/publicity'
import { QueryError } from '../../../components/QueryError'
import { usePagination } from '../../../hooks/usePagination'
import { useT } from '../../../i18n'
import { formatDate } from '../../../lib/format'
import { PublicLayout } from '../PublicLayout'

/** 认定基地 (no login): every recognised base, with its title and recognition notice. */
export default function PublicBasesPage() {
  const t = useT()
  const pagination = usePagination()
  const q = usePublicBases(pagination.query)
  const columns: TableColumnsType<Base> = [
    { title: t('org.name'), dataIndex: 'organization_name' },
    { title: t('bases.title_'), dataIndex: 'title' },
    { title: t('assign.specialties'), dataIndex: 'specialties', render: (v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>) },
    { title: t('bases.documentNumber'), dataIndex: 'document_number' },
    { title: t('bases.recognisedOn'), dataIndex: 'recognised_on', render: (v: string) => formatDate(v) },
  ]
  return (
    <PublicLayout width={1100}>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('public.bases.title')}</h1>}>
        {q.isError && <QueryError error={q.error} onRetry={() => q.refetch()} />}
        <Table<Base>
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items}
          loading={q.isFetching}
          pagination={pagination.tableProps(q.data?.total)}
          locale={{ emptyText: t('public.bases.empty') }}
        />
      </Card>
    </PublicLayout>
  )
}
