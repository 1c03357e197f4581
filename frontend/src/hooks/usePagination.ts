import { useState } from 'react'
import type { TablePaginationConfig } from 'antd'
import { useT } from '../i18n'

/** Server pagination for an antd Table: limit/offset for the query, a pagination prop for the Table. */
export function usePagination(initialPageSize = 20) {
  const t = useT()
  const [current, setCurrent] = useState(1)
  const [pageSize, setPageSize] = useState(initialPageSize)
  const query = { limit: pageSize, offset: (current - 1) * pageSize }
  /** `estimate`: the server flagged the total as an estimate (total_is_estimate): shown as "about N". */
  const tableProps = (total: number | undefined, estimate = false): TablePaginationConfig => ({
    current,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (n) => t(estimate ? 'common.totalEstimate' : 'common.total', { total: n }),
    onChange: (page, size) => {
      setCurrent(size !== pageSize ? 1 : page)
      setPageSize(size)
    },
  })
  const reset = () => setCurrent(1)
  return { query, tableProps, reset }
}
