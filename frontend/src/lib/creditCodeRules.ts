import type { FormRule } from 'antd'
import type { TFunction } from '../i18n'
import { checkCreditCode } from './creditCode'

/** antd rules for the credit code: the checksum blocks, a non-Shunyi division only warns. */
export function creditCodeRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('common.required', { field: t('org.creditCode') }) },
    {
      validator: async (_rule, value?: string) => {
        if (!value) return
        const r = checkCreditCode(value)
        if (!r.valid) throw new Error(t(`creditCode.${r.error!}`))
      },
    },
    {
      warningOnly: true,
      validator: async (_rule, value?: string) => {
        if (!value) return
        const r = checkCreditCode(value)
        if (r.valid && r.outsideShunyi) throw new Error(t('creditCode.notShunyi', { division: r.division! }))
      },
    },
  ]
}
