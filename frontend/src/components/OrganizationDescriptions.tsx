import { Descriptions, Flex, Tag, type DescriptionsProps } from 'antd'
import type { ContactPerson, Organization } from '../client/types'
import { useT } from '../i18n'
import { dash, formatDateTime } from '../lib/format'
import { OrgStatusTag } from './OrgStatusTag'

function Person({ person }: { person: ContactPerson }) {
  const t = useT()
  return (
    <Flex vertical>
      <span>
        {t('person.name')}：{dash(person.name)}
      </span>
      <span>
        {t('person.deptPost')}：{dash(person.dept_post)}
      </span>
      <span>
        {t('person.officePhone')}：{dash(person.office_phone)}
      </span>
      <span>
        {t('person.mobile')}：{dash(person.mobile)}
      </span>
    </Flex>
  )
}

/** Read-only view of an organisation (Table 1-1 of the application form). */
export function OrganizationDescriptions({ org, column = 2 }: { org: Organization; column?: number }) {
  const t = useT()
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('org.name'), span: column, children: org.name },
    { key: 'credit_code', label: t('org.creditCode'), children: org.credit_code },
    { key: 'status', label: t('org.status'), children: <OrgStatusTag status={org.status} /> },
    ...(org.status === 'rejected'
      ? [{ key: 'reason', label: t('org.statusReason'), span: column, children: dash(org.status_reason) }]
      : []),
    { key: 'category', label: t('org.category'), children: t(`enum.category.${org.category}`) },
    { key: 'attribute', label: t('org.attribute'), children: t(`enum.attribute.${org.attribute}`) },
    {
      key: 'qualifications',
      label: t('org.qualifications'),
      span: column,
      children:
        org.qualifications.length === 0
          ? t('common.none')
          : org.qualifications.map((q) => <Tag key={q}>{t(`enum.qualification.${q}`)}</Tag>),
    },
    { key: 'address', label: t('org.address'), span: column, children: org.address },
    {
      key: 'website',
      label: t('org.website'),
      span: column,
      children: org.website ? (
        <a href={org.website} target="_blank" rel="noreferrer noopener">
          {org.website}
        </a>
      ) : (
        '—'
      ),
    },
    { key: 'legal', label: t('org.legalRepresentative'), children: <Person person={org.legal_representative} /> },
    { key: 'contact', label: t('org.contactPerson'), children: <Person person={org.contact_person} /> },
    { key: 'bank_name', label: t('org.bankName'), children: org.bank_name },
    { key: 'bank_account', label: t('org.bankAccount'), children: org.bank_account },
    { key: 'created_at', label: t('org.submittedAt'), children: formatDateTime(org.created_at) },
    { key: 'decided_at', label: t('org.decidedAt'), children: formatDateTime(org.decided_at) },
  ]
  return <Descriptions bordered size="small" column={column} items={items} />
}
