import { CheckCircleFilled, CloseCircleFilled, SyncOutlined } from '@ant-design/icons'
import { Alert, Card, Flex, Skeleton, Typography } from 'antd'
import type { Check, Eligibility } from '../../../client/types'
import { QueryError } from '../../../components/QueryError'
import { isTKey, useI18n, useT } from '../../../i18n'
import { checkText } from '../../../lib/checkText'
import { groupChecks, sectionOfCheck, type SectionKey } from '../../../lib/applicationForm'

export function CheckRow({ check, onJump }: { check: Check; onJump?: (section: SectionKey, field: string | null) => void }) {
  const { lang, t } = useI18n()
  const section = sectionOfCheck(check)
  const jump = !check.passed && section && onJump ? () => onJump(section, check.field) : undefined
  const icon = check.passed ? (
    <CheckCircleFilled style={{ color: '#52c41a', marginTop: 4 }} aria-hidden />
  ) : (
    <CloseCircleFilled style={{ color: '#ff4d4f', marginTop: 4 }} aria-hidden />
  )
  const text = (
    <>
      <span className="sr-only">{t(check.passed ? 'eligibility.passed' : 'eligibility.failed')}</span>
      {checkText(check, lang, t)}
    </>
  )
  return (
    <li>
      <Flex
        gap={6}
        align="flex-start"
        className={`check-row${jump ? ' is-link' : ''}`}
        data-testid="eligibility-check"
        data-passed={check.passed}
        {...(jump
          ? {
              role: 'button',
              tabIndex: 0,
              onClick: jump,
              onKeyDown: (e: React.KeyboardEvent) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault()
                  jump()
                }
              },
              title: t('eligibility.jump'),
            }
          : {})}
      >
        {icon}
        <Typography.Text type={check.passed ? undefined : 'danger'} style={{ flex: 1 }}>
          {text}
        </Typography.Text>
      </Flex>
    </li>
  )
}

export function CheckList({
  checks,
  onJump,
}: {
  checks: Check[]
  onJump?: (section: SectionKey, field: string | null) => void
}) {
  const t = useT()
  return (
    <Flex vertical gap={12}>
      {groupChecks(checks).map(({ group, checks: cs }) => {
        const key = `enum.checkGroup.${group}`
        return (
          <section key={group} aria-label={isTKey(key) ? t(key) : group}>
            <Typography.Text strong>{isTKey(key) ? t(key) : group}</Typography.Text>
            <Flex vertical gap={2} component="ul" style={{ listStyle: 'none', margin: '4px 0 0', padding: 0 }}>
              {cs.map((c, i) => (
                <CheckRow key={`${c.code}-${c.field ?? ''}-${i}`} check={c} onJump={onJump} />
              ))}
            </Flex>
          </section>
        )
      })}
    </Flex>
  )
}

/** 申报条件检查: every check of GET /eligibility, ✓ or ✗, grouped; a failing one jumps to its section. */
export function EligibilityPanel({
  data,
  error,
  loading,
  refreshing,
  onRetry,
  onJump,
}: {
  data: Eligibility | undefined
  error: unknown
  loading: boolean
  refreshing: boolean
  onRetry: () => void
  onJump: (section: SectionKey, field: string | null) => void
}) {
  const t = useT()
  const failing = data?.checks.filter((c) => !c.passed).length ?? 0
  return (
    <Card
      size="small"
      title={t('eligibility.title')}
      extra={refreshing ? <SyncOutlined spin aria-label={t('eligibility.refreshing')} /> : null}
      data-testid="eligibility-panel"
      styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflowY: 'auto', position: 'relative' } }}
    >
      {loading ? (
        <Skeleton active />
      ) : error ? (
        <QueryError error={error} onRetry={onRetry} />
      ) : data ? (
        <Flex vertical gap={12}>
          <div aria-live="polite">
            {data.ready ? (
              <Alert type="success" showIcon title={t('eligibility.ready')} data-testid="eligibility-ready" />
            ) : (
              <Alert type="warning" showIcon title={t('eligibility.notReady', { n: failing })} data-testid="eligibility-not-ready" />
            )}
          </div>
          <CheckList checks={data.checks} onJump={onJump} />
        </Flex>
      ) : null}
    </Card>
  )
}
