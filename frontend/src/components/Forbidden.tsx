import { Button, Result } from 'antd'
import { Link } from 'react-router-dom'
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
