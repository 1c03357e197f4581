import { Descriptions, type DescriptionsProps } from 'antd'
import type { ContactPerson, Organization } from '../../client/types'
import { useT } from '../../i18n'
import { dash } from '../../lib/format'

type OrgFacts = Pick<
  Organization,
  | 'name'
  | 'attribute'
  | 'credit_code'
  | 'address'
  | 'website'
  | 'legal_representative'
  | 'contact_person'
  | 'bank_account'
  | 'bank_name'
>

function personText(p: ContactPerson | undefined, t: ReturnType<typeof useT>): string {
  if (!p) return '—'
  return [
    `${t('person.name')}：${dash(p.name)}`,
    `${t('person.deptPost')}：${dash(p.dept_post)}`,
    `${t('person.officePhone')}：${dash(p.office_phone)}`,
    `${t('person.mobile')}：${dash(p.mobile)}`,
  ].join('\n')
}

/**
 * 表1-1's organisation facts, laid out like the printed form. They come from the organisation's
 * registration (or, for a submitted version, the snapshot frozen with it) and are never typed here.
 */
export function OrganizationFacts({ org }: { org: Partial<OrgFacts> | null | undefined }) {
  const t = useT()
  if (!org) return null
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('org.name'), children: dash(org.name) },
    { key: 'attribute', label: t('org.attribute'), children: org.attribute ? t(`enum.attribute.${org.attribute}`) : '—' },
    { key: 'code', label: t('form.t11.creditCode'), span: 2, children: dash(org.credit_code) },
    {
      key: 'address',
      label: t('form.t11.addressWebsite'),
      span: 2,
      children: [org.address, org.website].filter(Boolean).join('  ') || '—',
    },
    {
      key: 'legal',
      label: t('form.t11.legal'),
      children: <span style={{ whiteSpace: 'pre-line' }}>{personText(org.legal_representative, t)}</span>,
    },
    {
      key: 'contact',
      label: t('form.t11.contact'),
      children: <span style={{ whiteSpace: 'pre-line' }}>{personText(org.contact_person, t)}</span>,
    },
    { key: 'account', label: t('form.t11.account'), children: dash(org.bank_account) },
    { key: 'bank', label: t('org.bankName'), children: dash(org.bank_name) },
  ]
  return <Descriptions bordered size="small" column={2} items={items} data-testid="organization-facts" />
}
