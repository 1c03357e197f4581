import {
  AuditOutlined,
  BellOutlined,
  CopyOutlined,
  HomeOutlined,
  IdcardOutlined,
  LineChartOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
  BankOutlined,
  SolutionOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  ProfileOutlined,
  FormOutlined,
  NotificationOutlined,
  TrophyOutlined,
  ScheduleOutlined,
  CarryOutOutlined,
} from '@ant-design/icons'
import { Badge, Button, Flex, Layout, Menu, Space, Tag, Typography, theme } from 'antd'
import { useState, type ReactNode } from 'react'
import { Outlet, useLocation, useNavigate } from 'react-router-dom'
import { MENU_PATHS, type Access, type MenuKey } from '../access'
import { roleLabelKey, selectedMenu } from '../lib/shell'
import type { Me } from '../client/types'
import { useLogout } from '../api/auth'
import { useUnreadCount } from '../api/notifications'
import { useT } from '../i18n'
import { LanguageSwitch } from './LanguageSwitch'

/** Partial: a menu entry without an icon still shows (several features add entries independently). */
const MENU_ICONS: Partial<Record<MenuKey, ReactNode>> = {
  applicantHome: <HomeOutlined aria-hidden />,
  expertHome: <HomeOutlined aria-hidden />,
  organization: <BankOutlined aria-hidden />,
  orgUsers: <TeamOutlined aria-hidden />,
  myBases: <ScheduleOutlined aria-hidden />,
  orgReview: <SafetyCertificateOutlined aria-hidden />,
  calls: <ProfileOutlined aria-hidden />,
  applications: <FileTextOutlined aria-hidden />,
  reviewQueue: <FileSearchOutlined aria-hidden />,
  notices: <NotificationOutlined aria-hidden />,
  bases: <TrophyOutlined aria-hidden />,
  indicators: <LineChartOutlined aria-hidden />,
  reportQueue: <CarryOutOutlined aria-hidden />,
  reviews: <FormOutlined aria-hidden />,
  experts: <SolutionOutlined aria-hidden />,
  admins: <IdcardOutlined aria-hidden />,
  audit: <AuditOutlined aria-hidden />,
  duplicates: <CopyOutlined aria-hidden />,
  notifications: <BellOutlined aria-hidden />,
  profile: <UserOutlined aria-hidden />,
}

export function AppShell({ me, access }: { me: Me; access: Access }) {
  const t = useT()
  const navigate = useNavigate()
  const location = useLocation()
  const logout = useLogout()
  const [collapsed, setCollapsed] = useState(false)
  const { token } = theme.useToken()
  const selected = selectedMenu(location.pathname, access.menus)
  const unread = useUnreadCount(access.canReadNotifications)

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
        trigger={null}
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
            label:
              key === 'notifications' && unread > 0 ? (
                <>
                  {t('menu.notifications')}{' '}
                  <Badge count={unread} size="small" aria-hidden="true" />
                </>
              ) : (
                t(`menu.${key}`)
              ),
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
            <Space>
              <Button
                type="text"
                aria-label={t(collapsed ? 'menu.expand' : 'menu.collapse')}
                aria-expanded={!collapsed}
                icon={collapsed ? <MenuUnfoldOutlined aria-hidden /> : <MenuFoldOutlined aria-hidden />}
                onClick={() => setCollapsed(!collapsed)}
              />
              <Typography.Text strong style={{ fontSize: 16 }}>
                {t('app.title')}
              </Typography.Text>
            </Space>
            <Space size="middle">
              <Space size={4} aria-label={t('header.user')} data-testid="current-user">
                <UserOutlined aria-hidden />
                <Typography.Text>{me.user.full_name}</Typography.Text>
                <Tag color="blue" data-testid="current-role">
                  {t(roleLabelKey(me))}
                </Tag>
              </Space>
              <LanguageSwitch />
              <Button icon={<LogoutOutlined aria-hidden />} onClick={onLogout} loading={logout.isPending}>
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
