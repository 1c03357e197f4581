import { Tag } from 'antd'
import type { OrganizationStatus } from '../client/types'
import { STATUS_COLORS } from '../lib/enums'
import { useT } from '../i18n'

export function OrgStatusTag({ status }: { status: OrganizationStatus }) {
  const t = useT()
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="org-status">
      {t(`enum.status.${status}`)}
    </Tag>
  )
}
