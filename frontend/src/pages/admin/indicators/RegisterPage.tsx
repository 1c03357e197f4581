import { DownloadOutlined } from '@ant-design/icons'
import { App, Button, Flex, Input, Progress, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { exportRegister, permilleText, useRegister, type RegisterFilter, type RegisterRow, type RegisterSort } from '../../../api/indicators'
import { saveBlob } from '../../../api/applications'
import { RiskTags } from '../../../components/indicators/RiskTags'
import { PageHeader } from '../../../components/PageHeader'
import { QueryError } from '../../../components/QueryError'
import { useApiError } from '../../../hooks/useApiError'
import { usePagination } from '../../../hooks/usePagination'
import { useT, type TKey } from '../../../i18n'
import { formatDate } from '../../../lib/format'

const BASE_TYPES = ['skills_upgrading', 'industry_chain', 'competition'] as const
const SORTS: { value: string; key: TKey }[] = [
  { value: 'reached:asc', key: 'ind.sort.reachedAsc' },
  { value: 'reached:desc', key: 'ind.sort.reachedDesc' },
  { value: 'projection:asc', key: 'ind.sort.projectionAsc' },
  { value: 'projection:desc', key: 'ind.sort.projectionDesc' },
  { value: 'overdue:desc', key: 'ind.sort.overdueDesc' },
  { value: 'recognised_on:desc', key: 'ind.sort.recognisedDesc' },
  { value: 'recognised_on:asc', key: 'ind.sort.recognisedAsc' },
]

type Tri = 'all' | 'yes' | 'no'
const tri = (v: Tri): boolean | undefined => (v === 'all' ? undefined : v === 'yes')

/** 基地指标台账: every base with its indicators against its targets; filters, sort, export. */
export default function RegisterPage() {
  const t = useT()
  const { message } = App.useApp()
  const showError = useApiError()
  const pagination = usePagination()
  const [baseType, setBaseType] = useState<RegisterFilter['base_type']>()
  const [risk, setRisk] = useState<Tri>('all')
  const [overdue, setOverdue] = useState<Tri>('all')
  const [q, setQ] = useState('')
  const [sort, setSort] = useState('reached:asc')
  const [exporting, setExporting] = useState(false)
  const [sortKey, order] = sort.split(':') as [RegisterSort, 'asc' | 'desc']
  const filter: RegisterFilter = { base_type: baseType, at_risk: tri(risk), overdue: tri(overdue), q: q || undefined, sort: sortKey, order }
  const list = useRegister(filter, pagination.query)

  const onExport = async () => {
    setExporting(true)
    try {
      const { blob, filename } = await exportRegister(filter)
      saveBlob(blob, filename ?? '基地指标台账.xlsx')
      message.success(t('ind.exported'))
    } catch (err) {
      showError(err)
    } finally {
      setExporting(false)
    }
  }
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v)
    pagination.reset()
  }

  const columns: TableColumnsType<RegisterRow> = [
    {
      title: t('ind.col.base'),
      key: 'base',
      fixed: 'left',
      width: 200,
      render: (_, r) => (
        <Flex vertical>
          <Link to={`/admin/indicators/${r.base_id}`}>{r.title}</Link>
          <Typography.Text type="secondary">{r.organization_name}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('ind.col.type'), dataIndex: 'base_type', width: 150, render: (v: string) => t(`enum.baseType.${v}` as TKey) },
    {
      title: t('ind.col.month'),
      key: 'month',
      width: 110,
      render: (_, r) => (r.current_month === null ? '—' : t('ind.monthOfYear', { n: r.current_month, y: r.current_year ?? 0 })),
    },
    {
      title: t('ind.col.reached'),
      key: 'reached',
      width: 200,
      render: (_, r) => (
        <Flex vertical>
          <span>
            {r.base_type === 'competition'
              ? t('ind.qualifyingShort', { n: r.qualifying_competitions })
              : `${r.certificates} / ${r.certificate_target ?? '—'}`}
          </span>
          <Progress
            size="small"
            percent={r.reached_permille === null ? 0 : Math.min(100, Math.floor(r.reached_permille / 10))}
            status={r.at_risk ? 'exception' : 'normal'}
            format={() => permilleText(r.reached_permille)}
            aria-label={`${t('ind.reached')} ${r.title}`}
          />
        </Flex>
      ),
    },
    {
      title: t('ind.col.projection'),
      key: 'projection',
      width: 130,
      render: (_, r) => (r.projection === null ? '—' : `${r.projection}（${permilleText(r.projected_permille)}）`),
    },
    { title: t('ind.satisfaction'), dataIndex: 'satisfaction_permille', width: 90, render: (v: number | null) => permilleText(v) },
    { title: t('ind.certification'), dataIndex: 'certification_permille', width: 90, render: (v: number | null) => permilleText(v) },
    {
      title: t('ind.col.overdue'),
      dataIndex: 'overdue_reports',
      width: 100,
      render: (v: number) => (v > 0 ? <Tag color="orange">{t('ind.overdueN', { n: v })}</Tag> : '—'),
    },
    { title: t('ind.col.risk'), key: 'risk', width: 180, render: (_, r) => <RiskTags risks={r.risks} /> },
    { title: t('bases.recognisedOn'), dataIndex: 'recognised_on', width: 110, render: (v: string) => formatDate(v) },
  ]

  return (
    <>
      <PageHeader
        title={t('ind.registerTitle')}
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} onClick={onExport} loading={exporting}>
            {t('ind.export')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('ind.search')}
          aria-label={t('ind.search')}
          onSearch={changed(setQ)}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          aria-label={t('ind.filter.type')}
          placeholder={t('ind.filter.type')}
          value={baseType}
          onChange={changed(setBaseType)}
          style={{ width: 190 }}
          options={BASE_TYPES.map((b) => ({ value: b, label: t(`enum.baseType.${b}` as TKey) }))}
        />
        <Select
          aria-label={t('ind.filter.risk')}
          value={risk}
          onChange={changed(setRisk)}
          style={{ width: 130 }}
          options={[
            { value: 'all', label: t('ind.filter.riskAll') },
            { value: 'yes', label: t('ind.filter.riskYes') },
            { value: 'no', label: t('ind.filter.riskNo') },
          ]}
        />
        <Select
          aria-label={t('ind.filter.overdue')}
          value={overdue}
          onChange={changed(setOverdue)}
          style={{ width: 140 }}
          options={[
            { value: 'all', label: t('ind.filter.overdueAll') },
            { value: 'yes', label: t('ind.filter.overdueYes') },
            { value: 'no', label: t('ind.filter.overdueNo') },
          ]}
        />
        <Select
          aria-label={t('ind.sort')}
          value={sort}
          onChange={changed(setSort)}
          style={{ width: 170 }}
          options={SORTS.map((s) => ({ value: s.value, label: t(s.key) }))}
        />
      </Space>
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      <Table<RegisterRow>
        rowKey="base_id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 1350 }}
        pagination={pagination.tableProps(list.data?.total)}
      />
    </>
  )
}
