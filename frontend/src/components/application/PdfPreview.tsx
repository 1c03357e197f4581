import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import { Alert, Button, Flex, Spin } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useMemo, useRef } from 'react'
import { fetchApplicationPdf, saveBlob } from '../../api/applications'
import { qk } from '../../api/keys'
import { useT } from '../../i18n'
import { ApiError } from '../../lib/errors'

/**
 * The Annex 1 PDF: fetched as a blob with the bearer token (GET /applications/{id}/pdf[?version=n]),
 * shown in an iframe through an object URL, and saved with 下载 PDF.
 * `prepare` runs first (the editor saves pending changes, so the PDF shows what is on screen).
 */
export function PdfPreview({
  applicationId,
  version,
  fileName,
  prepare,
  height = 720,
}: {
  applicationId: string
  version?: number | null
  fileName: string
  prepare?: () => Promise<void>
  height?: number
}) {
  const t = useT()
  const prepareRef = useRef(prepare)
  useEffect(() => {
    prepareRef.current = prepare
  })
  const q = useQuery({
    queryKey: [...qk.application(applicationId), 'pdf', version ?? 'draft'],
    queryFn: async () => {
      await prepareRef.current?.()
      return fetchApplicationPdf(applicationId, version)
    },
    gcTime: 0,
    staleTime: 0,
    retry: false,
  })
  const url = useMemo(
    () => (q.data ? URL.createObjectURL(q.data.blob.type ? q.data.blob : new Blob([q.data.blob], { type: 'application/pdf' })) : null),
    [q.data],
  )
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url)
  }, [url])

  const loading = q.isFetching
  const errorText = (err: unknown) =>
    err instanceof ApiError
      ? err.status === 404
        ? t('pdf.unavailable')
        : err.status === 0
          ? t('errors.network')
          : err.message
      : t('errors.unknown')

  const download = async () => {
    const pdf = q.data ?? (await q.refetch()).data
    if (pdf) saveBlob(pdf.blob, pdf.filename ?? fileName)
  }

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void q.refetch()} loading={loading}>
          {t('pdf.refresh')}
        </Button>
        <Button type="primary" icon={<DownloadOutlined aria-hidden />} onClick={() => void download()} disabled={loading}>
          {t('pdf.download')}
        </Button>
      </Flex>
      {q.isError && !loading && <Alert type="warning" showIcon title={t('pdf.failed')} description={errorText(q.error)} />}
      {loading && (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin description={t('pdf.loading')}>
            <div style={{ width: 120, height: 60 }} />
          </Spin>
        </Flex>
      )}
      {url && !loading && (
        <iframe
          title={t('pdf.previewTitle')}
          src={url}
          data-testid="pdf-preview"
          style={{ width: '100%', height, border: '1px solid #f0f0f0', borderRadius: 6 }}
        />
      )}
    </Flex>
  )
}
