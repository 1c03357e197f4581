import { Button, Result } from 'antd'
import { Link, useRouteError } from 'react-router-dom'
import { useT } from '../i18n'

export function Forbidden({ detail }: { detail?: string }) {
  const t = useT()
  return (
    <Result
      status="403"
      title={t('errors.forbidden')}
      subTitle={detail ?? t('errors.forbiddenSub')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  )
}

export function NotFound() {
  const t = useT()
  return (
    <Result
      status="404"
      title={t('errors.notFound')}
      subTitle={t('errors.notFoundSub')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  )
}

/**
 * What a page that failed to render shows (the router's errorElement) instead of a blank screen: a message in the
 * user's language, a reload (an outdated page after a deployment is the common cause) and the way home. Drafts are
 * kept on the device, so a reload loses nothing typed. The error goes to the console for a support engineer.
 */
export function PageCrashed() {
  const t = useT()
  const error = useRouteError()
  console.error(error)
  return (
    <Result
      status="error"
      title={t('errors.pageCrashed')}
      subTitle={t('errors.pageCrashedSub')}
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </Button>,
        <Button key="home" href="/">
          {t('common.backHome')}
        </Button>,
      ]}
    />
  )
}
