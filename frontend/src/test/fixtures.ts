import type { Application, Expert, Me, Organization, Permission, User } from '../client/types'

export const EVERYONE: Permission[] = ['profile:manage', 'notification:read']
const APPLICANT_APPLICATIONS: Permission[] = ['application:read', 'application:write', 'base:read']

export function makeUser(over: Partial<User> = {}): User {
  return {
    id: '00000000-0000-0000-0000-000000000001',
    email: 'user@example.cn',
    full_name: '张三',
    mobile: '13800000000',
    role: 'applicant',
    organization_id: null,
    is_org_owner: false,
    is_active: true,
    version: 1,
    last_login_at: null,
    created_at: '2026-01-01T00:00:00Z',
    ...over,
  }
}

export function makeOrganization(over: Partial<Organization> = {}): Organization {
  const person = { name: '李四', dept_post: '办公室主任', office_phone: '010-12345678', mobile: '13900000000' }
  return {
    id: '00000000-0000-0000-0000-0000000000a1',
    name: '顺义示范职业技能培训学校',
    credit_code: '52110113MJ0000000X',
    category: 'training_institution',
    attribute: 'other',
    qualifications: [],
    address: '北京市顺义区',
    website: null,
    legal_representative: person,
    contact_person: person,
    bank_name: '中国工商银行顺义支行',
    bank_account: '0200000000000000000',
    status: 'pending',
    status_reason: null,
    decided_at: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...over,
  }
}

export function makeExpert(over: Partial<Expert> = {}): Expert {
  return {
    id: '00000000-0000-0000-0000-0000000000e1',
    user_id: '00000000-0000-0000-0000-000000000002',
    name: '王专家',
    email: 'expert1@demo.skillbase.cn',
    organization_name: '北京某职业技术学院',
    organization_id: null,
    organization_credit_code: null,
    title: '教授',
    specialties: ['数控加工'],
    mobile: '13700000000',
    is_active: true,
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...over,
  }
}

export function meApplicant(owner: boolean, over: Partial<Me> = {}): Me {
  const org = makeOrganization()
  return {
    user: makeUser({ role: 'applicant', is_org_owner: owner, organization_id: org.id }),
    organization: org,
    expert: null,
    permissions: owner
      ? [...EVERYONE, 'organization:read', 'organization:manage_users', ...APPLICANT_APPLICATIONS]
      : [...EVERYONE, 'organization:read', ...APPLICANT_APPLICATIONS],
    ...over,
  }
}

export function meExpert(): Me {
  return {
    user: makeUser({ role: 'expert', email: 'expert1@demo.skillbase.cn', full_name: '王专家' }),
    organization: null,
    expert: makeExpert(),
    permissions: [...EVERYONE, 'review:perform', 'application:read'],
  }
}

export function meAdmin(): Me {
  return {
    user: makeUser({ role: 'admin', email: 'admin@demo.skillbase.cn', full_name: '管理员' }),
    organization: null,
    expert: null,
    permissions: [
      ...EVERYONE,
      'organization:read',
      'organization:verify',
      'expert:manage',
      'admin:manage',
      'user:manage',
      'audit:read',
      'call:manage',
      'application:read',
      'review:manage',
      'publicity:manage',
      'base:read',
      'duplicate:resolve',
      'personal_data:read_full',
      'indicator:register',
    ],
  }
}

/** An application as GET /applications/{id} answers it: submitted once, not editable. */
export function makeApplication(over: Partial<Application> = {}): Application {
  return {
    id: '00000000-0000-0000-0000-00000000a001',
    call_id: '00000000-0000-0000-0000-00000000d001',
    call_name: '2026年申报批次',
    call_deadline: '2026-12-31',
    organization_id: '00000000-0000-0000-0000-00000000e001',
    organization_name: '顺义区测试技工学校',
    base_type: 'skills_upgrading',
    status: 'under_review',
    submitted_versions: 1,
    submitted_at: '2026-11-01T00:00:00Z',
    status_changed_at: '2026-11-01T00:00:00Z',
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
    draft_form: {},
    draft_version: 2,
    status_reason: null,
    editable: false,
    attachments: [],
    ...over,
  }
}
