import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { useEffect, useState } from 'react'
import { RouterProvider } from 'react-router-dom'
import { setSessionExpiredHandler } from '../client'
import { I18nProvider, useI18n } from '../i18n'
import { ApiError } from '../lib/errors'
import { createRouter } from './router'

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not get better by asking again; network and 5xx errors get one retry.
        retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 1,
        refetchOnWindowFocus: false,
      },
    },
  })
}

function Providers({ queryClient }: { queryClient: QueryClient }) {
  const { lang } = useI18n()
  const [router] = useState(createRouter)

  useEffect(() => {
    setSessionExpiredHandler(() => {
      queryClient.clear()
      if (router.state.location.pathname !== '/login') {
        void router.navigate('/login', { replace: true, state: { notice: 'expired', from: router.state.location.pathname } })
      }
    })
  }, [queryClient, router])

  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1677ff' } }}
      // Keep button names exactly as written ("登录", not "登 录"): predictable for screen readers and tests.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  )
}

export default function App() {
  const [queryClient] = useState(makeQueryClient)
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Providers queryClient={queryClient} />
      </I18nProvider>
    </QueryClientProvider>
  )
}
