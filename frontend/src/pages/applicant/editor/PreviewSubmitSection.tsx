import { SendOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Flex, Popconfirm, Typography } from 'antd'
import type { Check, Eligibility } from '../../../client/types'
import { PdfPreview } from '../../../components/application/PdfPreview'
import { useT } from '../../../i18n'
import type { SectionKey } from '../../../lib/applicationForm'
import { CheckList } from './EligibilityPanel'

/** 预览与提交: the PDF of the draft as it will be printed, and 提交. */
export function PreviewSubmitSection({
  applicationId,
  fileName,
  eligibility,
  refused,
  submitting,
  prepare,
  onSubmit,
  onJump,
}: {
  applicationId: string
  fileName: string
  eligibility: Eligibility | undefined
  /** the failing checks of a refused submission (422 SUBMISSION_REFUSED) */
  refused: Check[] | null
  submitting: boolean
  prepare: () => Promise<void>
  onSubmit: () => void
  onJump: (section: SectionKey, field: string | null) => void
}) {
  const t = useT()
  const ready = eligibility?.ready ?? false
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('submit.title')}>
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>{t('submit.intro')}</Typography.Paragraph>
          {refused && refused.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="submit-refused"
              title={t('submit.refused', { n: refused.length })}
              description={<CheckList checks={refused} onJump={onJump} />}
            />
          )}
          {!ready && !refused && <Alert type="warning" showIcon title={t('submit.notReady')} />}
          <div>
            <Popconfirm
              title={t('submit.confirm')}
              description={t('submit.confirmHint')}
              okText={t('common.submit')}
              cancelText={t('common.cancel')}
              onConfirm={onSubmit}
            >
              <Button type="primary" size="large" icon={<SendOutlined aria-hidden />} loading={submitting}>
                {t('submit.button')}
              </Button>
            </Popconfirm>
          </div>
        </Flex>
      </Card>
      <Card size="small" title={t('pdf.title')}>
        <PdfPreview applicationId={applicationId} fileName={fileName} prepare={prepare} />
      </Card>
    </Flex>
  )
}
