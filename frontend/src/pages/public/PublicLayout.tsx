import { Flex, Layout, Typography } from 'antd'
import type { ReactNode } from 'react'
import { LanguageSwitch } from '../../components/LanguageSwitch'
import { useT } from '../../i18n'
import { PublicNav } from './notices/PublicNav'

/** Frame of the public pages (login, registration): title bar with the language switch. */
export function PublicLayout({ children, width = 420 }: { children: ReactNode; width?: number }) {
  const t = useT()
  return (
    <Layout style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <Layout.Header style={{ background: '#001529', padding: '0 24px' }}>
        <Flex justify="space-between" align="center" style={{ height: '100%' }}>
          <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
            {t('app.title')}
          </Typography.Text>
          <Flex gap={24} align="center">
            <PublicNav />
            <LanguageSwitch />
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '40px 16px' }}>
        <div style={{ maxWidth: width, margin: '0 auto' }}>{children}</div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#888' }}>{t('app.bureau')}</Layout.Footer>
    </Layout>
  )
}
