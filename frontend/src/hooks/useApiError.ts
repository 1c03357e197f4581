import { App } from 'antd'
import { useCallback } from 'react'
import { ApiError } from '../lib/errors'
import { useT } from '../i18n'

/**
 * Shows an API error to the user: the server's (Chinese) message, as an antd message.
 * A 403 is just an answer to show ("无权访问: …"), never a logout.
 */
export function useApiError() {
  const { message } = App.useApp()
  const t = useT()
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        if (err.status === 0) message.error(t('errors.network'))
        else if (err.status === 403) message.error(`${t('errors.forbidden')}：${err.message}`)
        else message.error(err.message)
      } else {
        message.error(t('errors.unknown'))
      }
    },
    [message, t],
  )
}
