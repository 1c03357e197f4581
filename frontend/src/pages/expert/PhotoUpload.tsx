import { UploadOutlined } from '@ant-design/icons'
import { App, Button, Flex, Progress, Typography, Upload } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { qk } from '../../api/keys'
import { PHOTO_ACCEPT, uploadReviewPhoto, type Review } from '../../api/reviews'
import { useApiError } from '../../hooks/useApiError'
import { useT } from '../../i18n'
import { ReviewPhotos } from '../admin/review/ReviewPhotos'

/** 现场照片: JPEG/PNG uploaded at once (raw body, with progress), shown as thumbnails. */
export function PhotoUpload({ memberId, appId, review, disabled }: { memberId: string; appId: string; review: Review; disabled?: boolean }) {
  const t = useT()
  const qc = useQueryClient()
  const { message } = App.useApp()
  const showError = useApiError()
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null)

  const upload = async (file: File) => {
    setProgress({ name: file.name, percent: 0 })
    try {
      const photo = await uploadReviewPhoto(memberId, file, (percent) => setProgress({ name: file.name, percent }))
      qc.setQueryData<Review>(qk.myReview(memberId), (old) => (old ? { ...old, photos: [...old.photos, photo] } : old))
      message.success(t('rv.photos.uploaded', { name: file.name }))
    } catch (err) {
      showError(err)
    } finally {
      setProgress(null)
    }
  }

  return (
    <Flex vertical gap={8} data-testid="photo-upload">
      <Typography.Text strong>{t('rv.photos.title')}</Typography.Text>
      <ReviewPhotos appId={appId} photos={review.photos} />
      {!disabled && (
        <Upload
          accept={PHOTO_ACCEPT}
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file)
            return false
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />} loading={!!progress}>
            {t('rv.photos.add')}
          </Button>
        </Upload>
      )}
      {progress && (
        <div aria-live="polite">
          <Typography.Text type="secondary">{progress.name}</Typography.Text>
          <Progress percent={progress.percent} size="small" />
        </div>
      )}
      <Typography.Text type="secondary">{t('rv.photos.hint')}</Typography.Text>
    </Flex>
  )
}
