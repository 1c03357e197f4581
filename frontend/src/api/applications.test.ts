import { beforeEach, describe, expect, it, vi } from 'vitest'

const getBlob = vi.fn(async () => ({ blob: new Blob(['x']), filename: 'a.pdf' }))
vi.mock('../client', () => ({ api: {}, unwrap: vi.fn(), getBlob: (...args: unknown[]) => getBlob(...(args as [])) }))

const { downloadAttachment } = await import('./applications')

describe('downloadAttachment', () => {
  beforeEach(() => getBlob.mockClear())

  it('fetches a current attachment through the application', async () => {
    await downloadAttachment('app-1', 'att-1')
    expect(getBlob).toHaveBeenCalledWith('/api/v1/applications/{application_id}/attachments/{attachment_id}', {
      path: { application_id: 'app-1', attachment_id: 'att-1' },
    })
  })

  it('fetches a submitted version’s attachment through that version (removed ones answer 404 elsewhere)', async () => {
    await downloadAttachment('app-1', 'att-1', 2)
    expect(getBlob).toHaveBeenCalledWith('/api/v1/applications/{application_id}/versions/{version_no}/attachments/{attachment_id}', {
      path: { application_id: 'app-1', version_no: '2', attachment_id: 'att-1' },
    })
  })
})
