/**
 * Setup through the API (not the UI): a fresh, approved organisation per test, so the specs can
 * run again and again on the same database.
 */
import { expect, type APIRequestContext } from '@playwright/test'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts'
import { newOrganization, type NewOrganization } from './data'

export type OrganizationCategory =
  | 'higher_education'
  | 'technical_school'
  | 'vocational_school'
  | 'training_institution'
  | 'enterprise_training_center'
  | 'enterprise'
  | 'public_institution'
  | 'other'

/** POST /api/v1/auth/token (OAuth2 password form) → the access token. */
export async function apiToken(request: APIRequestContext, email: string, password: string): Promise<string> {
  const res = await request.post('/api/v1/auth/token', {
    form: { grant_type: 'password', username: email, password, scope: '' },
  })
  expect(res.status(), await res.text()).toBe(200)
  return (await res.json()).access_token as string
}

export const adminToken = (request: APIRequestContext) => apiToken(request, DEMO_ACCOUNTS.admin, DEMO_PASSWORD)

export interface RegisteredOrganization extends NewOrganization {
  id: string
}

/** Registers a new organisation (POST /public/organizations) and approves it as the demo administrator. */
export async function registerApprovedOrganization(
  request: APIRequestContext,
  category: OrganizationCategory = 'technical_school',
): Promise<RegisteredOrganization> {
  const org = newOrganization()
  const person = (p: NewOrganization['legal']) => ({
    name: p.name,
    dept_post: p.deptPost,
    office_phone: p.officePhone,
    mobile: p.mobile,
  })
  const res = await request.post('/api/v1/public/organizations', {
    data: {
      organization: {
        name: org.name,
        credit_code: org.creditCode,
        category,
        attribute: 'other',
        qualifications: [],
        address: org.address,
        website: org.website,
        legal_representative: person(org.legal),
        contact_person: person(org.contact),
        bank_name: org.bankName,
        bank_account: org.bankAccount,
      },
      user: { full_name: org.user.fullName, email: org.user.email, mobile: org.user.mobile, password: org.user.password },
    },
  })
  // 202: the answer never says whether the e-mail already had an account, so the id comes from the new owner's /me
  expect(res.status(), await res.text()).toBe(202)
  const own = await apiToken(request, org.user.email, org.user.password)
  const me = await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${own}` } })
  expect(me.status(), await me.text()).toBe(200)
  const id = (await me.json()).organization.id as string
  const token = await adminToken(request)
  const approved = await request.post(`/api/v1/organizations/${id}/verification`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { decision: 'approve' },
  })
  expect(approved.status(), await approved.text()).toBe(200)
  return { ...org, id }
}

/**
 * A small, well-formed one-page PDF with a real cross-reference table: the server parses every upload as what it claims
 * to be (a bare "%PDF-" header is refused as FILE_MALFORMED). The label goes into /Title as UTF-16 hex, so any
 * file name is safe.
 */
export function pdfBytes(label: string): Buffer {
  const title = Buffer.from('\ufeff' + label, 'utf16le').swap16().toString('hex')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Title <${title}> >>`,
  ]
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'))
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(out, 'latin1')
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}
