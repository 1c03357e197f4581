import { Empty, Skeleton, Timeline, Typography } from 'antd'
import { useTimeline } from '../../api/applications'
import type { TimelineEntry } from '../../client/types'
import { isTKey, useT, type TFunction } from '../../i18n'
import { formatDateTime } from '../../lib/format'
import { QueryError } from '../QueryError'

const COLORS: Record<string, string> = {
  'application.submitted': 'blue',
  'application.resubmitted': 'blue',
  'application.returned': 'orange',
  'application.withdrawn': 'gray',
  'application.rejected': 'red',
  'application.approved': 'green',
  'application.recognised': 'green',
  'application.formal_check_passed': 'green',
}

function timelineActionLabel(action: string, t: TFunction): string {
  const key = `timeline.${action}`
  return isTKey(key) ? t(key) : action
}

function detailText(e: TimelineEntry, t: TFunction): string | null {
  const d = e.details ?? {}
  if (typeof d.version === 'number') return t('timeline.version', { n: d.version })
  if (typeof d.slot === 'string') {
    const key = `enum.slot.${d.slot}`
    return isTKey(key) ? t(key) : d.slot
  }
  return null
}

/** 办理进程: the application's events, oldest first. */
export function ApplicationTimeline({ applicationId }: { applicationId: string }) {
  const t = useT()
  const q = useTimeline(applicationId)
  if (q.isPending) return <Skeleton active />
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />
  if (q.data.length === 0) return <Empty description={t('timeline.empty')} />
  return (
    <Timeline
      data-testid="application-timeline"
      items={q.data.map((e, i) => {
        const role = e.actor_role && isTKey(`role.${e.actor_role}`) ? t(`role.${e.actor_role}` as 'role.admin') : e.actor_role
        const extra = detailText(e, t)
        return {
          key: i,
          color: COLORS[e.action] ?? 'blue',
          content: (
            <>
              <Typography.Text strong>{timelineActionLabel(e.action, t)}</Typography.Text>
              {extra && <Typography.Text type="secondary">（{extra}）</Typography.Text>}
              <div>
                <Typography.Text type="secondary">
                  {formatDateTime(e.at)}
                  {e.actor_name ? ` · ${e.actor_name}` : ''}
                  {role ? ` · ${role}` : ''}
                </Typography.Text>
              </div>
              {e.reason && (
                <div>
                  {t('timeline.reason')}：{e.reason}
                </div>
              )}
            </>
          ),
        }
      })}
    />
  )
}
