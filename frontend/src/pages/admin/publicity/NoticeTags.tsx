import { Tag } from 'antd'
import type { ObjectionStatus } from '../../../api/publicity'
import { useT } from '../../../i18n'
import { noticePhase, type NoticePhase } from './period'

const PHASE_COLORS: Record<NoticePhase, string> = {
  draft: 'default',
  upcoming: 'blue',
  open: 'gold',
  over: 'purple',
  recognised: 'green',
}

export function NoticePhaseTag({ notice }: { notice: Parameters<typeof noticePhase>[0] }) {
  const t = useT()
  const phase = noticePhase(notice)
  return (
    <Tag color={PHASE_COLORS[phase]} data-testid="notice-phase">
      {t(`notice.phase.${phase}`)}
    </Tag>
  )
}

const OBJECTION_COLORS: Record<ObjectionStatus, string> = { pending: 'gold', upheld: 'red', dismissed: 'default' }

export function ObjectionStatusTag({ status }: { status: ObjectionStatus }) {
  const t = useT()
  return (
    <Tag color={OBJECTION_COLORS[status]} data-testid="objection-status">
      {t(`objection.status.${status}`)}
    </Tag>
  )
}
