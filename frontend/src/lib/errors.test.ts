import { describe, expect, it } from 'vitest'
import { ApiError, formFieldErrors, toApiError } from './errors'

describe('toApiError', () => {
  it('reads the API error shape', () => {
    const e = toApiError(409, { error: { code: 'DUPLICATE', message: '已存在', details: null } }, 'x')
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(409)
    expect(e.code).toBe('DUPLICATE')
    expect(e.message).toBe('已存在')
  })

  it('falls back for unknown bodies', () => {
    const e = toApiError(502, 'Bad gateway', '操作失败')
    expect(e.code).toBe('HTTP_502')
    expect(e.message).toBe('操作失败')
  })
})

describe('formFieldErrors', () => {
  it('maps 422 details onto nested form names', () => {
    const e = new ApiError(422, 'VALIDATION_ERROR', '提交的数据不符合要求', [
      { field: 'organization.credit_code', message: '校验位不正确' },
      { field: 'user.email', message: '格式不正确' },
      { field: 'user.email', message: '已被使用' },
      { field: 'organization.legal_representative.mobile', message: '格式不正确' },
    ])
    expect(formFieldErrors(e)).toEqual([
      { name: ['organization', 'credit_code'], errors: ['校验位不正确'] },
      { name: ['user', 'email'], errors: ['格式不正确', '已被使用'] },
      { name: ['organization', 'legal_representative', 'mobile'], errors: ['格式不正确'] },
    ])
  })

  it('renames fields and ignores non-422 errors', () => {
    const e = new ApiError(422, 'VALIDATION_ERROR', 'x', [{ field: 'username', message: '必填项' }])
    expect(formFieldErrors(e, { username: 'email' })).toEqual([{ name: ['email'], errors: ['必填项'] }])
    expect(formFieldErrors(new ApiError(409, 'CONFLICT', 'x', [{ field: 'a', message: 'b' }]))).toEqual([])
  })
})
