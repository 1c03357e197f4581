import { Tag } from 'antd'
import type { ApplicationStatus, CallStatus } from '../client/types'
import { APPLICATION_STATUS_COLORS } from '../lib/applicationForm'
import { useT } from '../i18n'

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const t = useT()
  return (
    <Tag color={APPLICATION_STATUS_COLORS[status]} data-testid="application-status">
      {t(`enum.appStatus.${status}`)}
    </Tag>
  )
}

const CALL_STATUS_COLORS: Record<CallStatus, string> = { draft: 'default', published: 'green', closed: 'red' }

export function CallStatusTag({ status }: { status: CallStatus }) {
  const t = useT()
  return (
    <Tag color={CALL_STATUS_COLORS[status]} data-testid="call-status">
      {t(`enum.callStatus.${status}`)}
    </Tag>
  )
}
