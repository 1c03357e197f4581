import { Alert, Button } from 'antd'
import { ApiError } from '../lib/errors'
import { useT } from '../i18n'
import { Forbidden } from './Forbidden'

/** A failed query: 403 shows the 403 result, anything else the server's message and a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT()
  if (error instanceof ApiError && error.status === 403) return <Forbidden detail={error.message} />
  const text =
    error instanceof ApiError ? (error.status === 0 ? t('errors.network') : error.message) : t('errors.unknown')
  return (
    <Alert
      type="error"
      showIcon
      title={t('errors.loadFailed')}
      description={text}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )
      }
    />
  )
}
