import type { FormInstance } from 'antd'
import { formFieldErrors } from './errors'

/** Puts a 422's {field, message} details onto the antd form; returns what it set. */
export function applyFieldErrors<T>(form: FormInstance<T>, err: unknown, rename?: Record<string, string>) {
  const fields = formFieldErrors(err, rename)
  if (fields.length) form.setFields(fields as Parameters<FormInstance<T>['setFields']>[0])
  return fields
}
