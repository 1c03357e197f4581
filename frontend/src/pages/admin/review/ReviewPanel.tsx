import { Alert, Button, Card, Flex, Skeleton } from 'antd'
import { useNavigate } from 'react-router-dom'
import { useCall } from '../../../api/calls'
import { usePanel, type Criterion } from '../../../api/reviews'
import type { Application } from '../../../client/types'
import { QueryError } from '../../../components/QueryError'
import { useSession } from '../../../hooks/useAccess'
import { useT } from '../../../i18n'
import { DecisionSection } from './DecisionSection'
import { FormalCheckSection } from './FormalCheckSection'
import { PanelFormSection } from './PanelFormSection'
import { PanelResultView } from './PanelResultView'
import { PanelStatusSection } from './PanelStatusSection'

const BEFORE_PANEL = new Set(['draft', 'submitted', 'returned', 'formal_check_passed'])

/**
 * The bureau's review workflow for one application, stage by stage: formal check → panel →
 * members and reviews → result and panel opinion → decision → (publicity).
 * A separate component so that the application detail page can embed it too.
 */
export function ReviewPanel({ app }: { app: Application }) {
  const t = useT()
  const { access } = useSession()
  const navigate = useNavigate()
  const panel = usePanel(app.id, !BEFORE_PANEL.has(app.status))
  const call = useCall(access.canManageCalls ? app.call_id : undefined)
  const rubric = call.data?.rubric as Criterion[] | undefined

  const panelData = panel.data ?? null
  // A panel moves the application to under_review at once: formal_check_passed means no panel yet.
  const waitingForPanel = app.status === 'formal_check_passed'

  return (
    <Flex vertical gap={16} data-testid="review-panel">
      <FormalCheckSection app={app} />
      {panel.isError && <QueryError error={panel.error} onRetry={() => panel.refetch()} />}
      {panel.isLoading && <Skeleton active />}
      {waitingForPanel && <PanelFormSection app={app} />}
      {panelData && (
        <>
          <PanelStatusSection app={app} panel={panelData} />
          <Card title={t('rv.result.title')}>
            <PanelResultView panel={panelData} rubric={rubric} />
          </Card>
        </>
      )}
      <DecisionSection app={app} panel={panelData} />
      {app.status === 'approved' && access.canManagePublicity && (
        <Alert
          type="success"
          showIcon
          title={t('rv.next.publicity')}
          action={
            <Button size="small" type="primary" onClick={() => navigate('/admin/notices?compose=1')}>
              {t('notice.compose')}
            </Button>
          }
        />
      )}
    </Flex>
  )
}
