import { Space, Tag } from 'antd'
import type { ReportStatus } from '../../api/reports'
import { useT } from '../../i18n'
import { REPORT_STATUS_COLORS } from '../../lib/reportDraft'

/** 待报送 / 已报送 / 退回修改 / 已通过, with 逾期 beside it when the due date has passed. */
export function ReportStatusTag({ status, overdue }: { status: ReportStatus; overdue?: boolean }) {
  const t = useT()
  return (
    <Space size={4} wrap>
      <Tag color={REPORT_STATUS_COLORS[status]} data-testid="report-status">
        {t(`report.status.${status}`)}
      </Tag>
      {overdue && (
        <Tag color="error" data-testid="report-overdue">
          {t('report.overdue')}
        </Tag>
      )}
    </Space>
  )
}
