import {
  AuditOutlined,
  BellOutlined,
  HomeOutlined,
  IdcardOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
  BankOutlined,
  SolutionOutlined,
} from '@ant-design/icons'
import { Button, Flex, Layout, Menu, Space, Tag, Typography, theme } from 'antd'
import { useState, type ReactNode } from 'react'
import { Outlet, useLocation, useNavigate } from 'react-router-dom'
import { MENU_PATHS, type Access, type MenuKey } from '../access'
import { roleLabelKey, selectedMenu } from '../lib/shell'
import type { Me } from '../client/types'
import { useLogout } from '../api/auth'
import { useT } from '../i18n'
import { LanguageSwitch } from './LanguageSwitch'

const MENU_ICONS: Record<MenuKey, ReactNode> = {
  applicantHome: <HomeOutlined />,
  expertHome: <HomeOutlined />,
  organization: <BankOutlined />,
  orgUsers: <TeamOutlined />,
  orgReview: <SafetyCertificateOutlined />,
  experts: <SolutionOutlined />,
  admins: <IdcardOutlined />,
  audit: <AuditOutlined />,
  notifications: <BellOutlined />,
  profile: <UserOutlined />,
}

export function AppShell({ me, access }: { me: Me; access: Access }) {
  const t = useT()
  const navigate = useNavigate()
  const location = useLocation()
  const logout = useLogout()
  const [collapsed, setCollapsed] = useState(false)
  const { token } = theme.useToken()
  const selected = selectedMenu(location.pathname, access.menus)

  const onLogout = () => {
    logout.mutate(undefined, {
      onSettled: () => navigate('/login', { replace: true, state: { notice: 'loggedOut' } }),
    })
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={220}
        theme="dark"
      >
        <div
          style={{
            color: '#fff',
            fontWeight: 600,
            padding: '16px',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          }}
          title={t('app.title')}
        >
          {collapsed ? t('app.shortTitle').slice(0, 2) : t('app.shortTitle')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          aria-label={t('menu.navigation')}
          selectedKeys={selected ? [selected] : []}
          items={access.menus.map((key) => ({
            key,
            icon: MENU_ICONS[key],
            label: t(`menu.${key}`),
          }))}
          onClick={({ key }) => navigate(MENU_PATHS[key as MenuKey])}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Flex justify="space-between" align="center" style={{ height: '100%' }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t('app.title')}
            </Typography.Text>
            <Space size="middle">
              <Space size={4} aria-label={t('header.user')} data-testid="current-user">
                <UserOutlined />
                <Typography.Text>{me.user.full_name}</Typography.Text>
                <Tag color="blue" data-testid="current-role">
                  {t(roleLabelKey(me))}
                </Tag>
              </Space>
              <LanguageSwitch />
              <Button icon={<LogoutOutlined />} onClick={onLogout} loading={logout.isPending}>
                {t('header.logout')}
              </Button>
            </Space>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <div
            style={{
              background: token.colorBgContainer,
              padding: 24,
              borderRadius: token.borderRadiusLG,
              minHeight: 360,
            }}
          >
            <Outlet />
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
