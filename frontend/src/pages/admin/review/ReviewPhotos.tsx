import { PictureOutlined } from '@ant-design/icons'
import { Flex, Image, Skeleton, Tooltip, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { fetchReviewPhoto, type ReviewPhoto } from '../../../api/reviews'
import { useT } from '../../../i18n'

/**
 * One site-inspection photo: fetched as a blob with the bearer token and shown through an object URL.
 * The URL lives in the query cache (never re-fetched, so one URL per photo for the session): revoking
 * it from an effect would break the image under StrictMode's double mount.
 */
function PhotoThumb({ appId, photo, size }: { appId: string; photo: ReviewPhoto; size: number }) {
  const t = useT()
  const q = useQuery({
    queryKey: ['review-photo', appId, photo.id],
    queryFn: async () => URL.createObjectURL((await fetchReviewPhoto(appId, photo.id)).blob),
    staleTime: Infinity,
    gcTime: Infinity,
  })
  const url = q.data ?? null
  if (q.isPending) return <Skeleton.Image active style={{ width: size, height: size }} />
  if (!url) {
    return (
      <Tooltip title={t('rv.photos.failed')}>
        <Flex
          align="center"
          justify="center"
          style={{ width: size, height: size, background: '#fafafa', border: '1px dashed #d9d9d9' }}
          aria-label={photo.original_name}
        >
          <PictureOutlined aria-hidden />
        </Flex>
      </Tooltip>
    )
  }
  return (
    <Image
      src={url}
      alt={photo.original_name}
      width={size}
      height={size}
      style={{ objectFit: 'cover' }}
      data-testid="review-photo"
    />
  )
}

/** The photos of one review (read-only): thumbnails with a preview. */
export function ReviewPhotos({ appId, photos, size = 96 }: { appId: string; photos: ReviewPhoto[]; size?: number }) {
  const t = useT()
  if (photos.length === 0) return <Typography.Text type="secondary">{t('rv.photos.none')}</Typography.Text>
  return (
    <Image.PreviewGroup>
      <Flex gap={8} wrap>
        {photos.map((p) => (
          <PhotoThumb key={p.id} appId={appId} photo={p} size={size} />
        ))}
      </Flex>
    </Image.PreviewGroup>
  )
}
