/**
 * Uploads whose request body is the raw file (application/octet-stream), sent with XMLHttpRequest for
 * upload progress. The one place for it: attachments, review photos and objection attachments use it.
 */
import { api, API_PREFIX, unwrap } from './index'
import { ApiError, toApiError } from '../lib/errors'
import { tokens } from '../lib/tokens'

export interface RawUpload {
  /** path under /api/v1, query string included */
  path: string
  file: File | Blob
  /** send the bearer token (and refresh once on a 401) */
  auth: boolean
  onProgress?: (percent: number) => void
  signal?: AbortSignal
}

function xhrPost(input: RawUpload, token: string | null): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${API_PREFIX}${input.path}`)
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    xhr.setRequestHeader('Accept', 'application/json')
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && input.onProgress) input.onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      let body: unknown
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined
      } catch {
        body = undefined
      }
      resolve({ status: xhr.status, body })
    }
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', '网络错误，请检查网络连接后重试'))
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', '已取消上传'))
    input.signal?.addEventListener('abort', () => xhr.abort())
    xhr.send(input.file)
  })
}

/**
 * POST a raw file body (application/octet-stream) with XMLHttpRequest, for upload progress.
 * With `auth`, a 401 refreshes the session once through the typed client, then retries.
 */
export async function postRaw<T>(input: RawUpload): Promise<T> {
  let res = await xhrPost(input, input.auth ? tokens.access() : null)
  if (input.auth && res.status === 401) {
    const before = tokens.access()
    try {
      await unwrap(api.GET('/api/v1/me')) // the client refreshes the session on the way
    } catch {
      // the retry below answers 401 again and is reported
    }
    if (tokens.access() && tokens.access() !== before) res = await xhrPost(input, tokens.access())
  }
  if (res.status >= 200 && res.status < 300) return res.body as T
  throw toApiError(res.status, res.body, res.status === 413 ? '上传内容过大' : `上传失败（${res.status}）`)
}
