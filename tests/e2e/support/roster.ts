/**
 * Roster files for the monthly-report specs: valid resident ID numbers (GB 11643 check digit) and a certificate
 * roster as CSV with the template's Chinese headers (rosters/rules.py CERTIFICATE_COLUMNS).
 */
import { expect, type APIRequestContext } from '@playwright/test'
import { adminToken, apiToken } from './api'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** The check character of the first 17 digits. */
export function checkDigit(first17: string): string {
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0)
  return CHECK[sum % 11]
}

/** A valid 18-digit resident ID of Shunyi (110113), born in the 1980s–1990s, random sequence number. */
export function residentId(): string {
  const year = 1980 + Math.floor(Math.random() * 20)
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0')
  const first17 = `110113${year}${month}${day}${seq}`
  return first17 + checkDigit(first17)
}

/** The same ID with a wrong check digit. */
export function withWrongCheckDigit(id: string): string {
  const right = id[17]
  const wrong = right === '1' ? '2' : '1'
  return id.slice(0, 17) + wrong
}

export interface CertificateLine {
  name: string
  id: string
  certificateNo: string
  issuedOn: string // YYYY-MM-DD, inside the report's month
}

const HEADER = ['姓名', '身份证号码', '证书类别', '职业（工种）', '等级', '证书编号', '发证日期', '发证机构']

/** A certificate roster (CSV, UTF-8 with BOM as Excel writes it): 职业技能等级证书, 高级工 (senior). */
export function certificateCsv(lines: CertificateLine[], occupation: string): Buffer {
  const rows = lines.map((l) => [l.name, l.id, '职业技能等级证书', occupation, '高级工', l.certificateNo, l.issuedOn, '北京市顺义区职业技能鉴定中心'])
  const text = [HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n'
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf-8')])
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙']
const GIVEN = ['建华', '秀兰', '志强', '海燕', '晓东', '丽娟', '国庆', '春梅', '明', '磊', '婷', '鹏飞']

export function chineseName(i: number): string {
  return SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7 + 3) % GIVEN.length]
}

export interface OpenReport {
  baseId: string
  baseTitle: string
  organizationName: string
  reportId: string
  monthNo: number
  periodStartsOn: string
  periodEndsOn: string
  specialty: string
}

interface ReportRow {
  id: string
  month_no: number
  status: string
  period_starts_on: string
  period_ends_on: string
}

/**
 * The base's earliest report the organisation may still edit (draft or returned), through the API. On a database
 * where earlier runs filed them all, the stack's clock (development-only POST /api/v1/dev/clock) moves a month
 * forward and listing the base's reports creates the new month's; `resetClock` (support/reviewApi) puts it back.
 */
export async function firstEditableReport(request: APIRequestContext, email: string, password: string): Promise<OpenReport> {
  for (let attempt = 0; ; attempt++) {
    const token = await apiToken(request, email, password)
    const headers = { Authorization: `Bearer ${token}` }
    const bases = await request.get('/api/v1/bases?limit=10', { headers })
    expect(bases.status(), await bases.text()).toBe(200)
    const base = (await bases.json()).items[0]
    expect(base, `${email} has no recognised base (the demo data gives it one)`).toBeTruthy()
    const reports = await request.get(`/api/v1/bases/${base.id}/reports?limit=100`, { headers })
    expect(reports.status(), await reports.text()).toBe(200)
    const all = ((await reports.json()).items as ReportRow[]).sort((a, b) => a.month_no - b.month_no)
    const open = all.find((r) => r.status === 'draft' || r.status === 'returned')
    if (open) return openReport(base, open)
    expect(attempt, `${email}'s base has no report left to file, even a month later`).toBe(0)
    // to the first day after the last month that has a report: the next month has started
    const admin = { Authorization: `Bearer ${await adminToken(request)}` }
    const clock = await (await request.get('/api/v1/dev/clock', { headers: admin })).json()
    const days = Math.round((Date.parse(all[all.length - 1].period_ends_on) - Date.parse(clock.today)) / 86_400_000) + 1
    const moved = await request.post('/api/v1/dev/clock', { headers: admin, data: { offset_days: clock.offset_days + Math.max(days, 1) } })
    expect(moved.status(), await moved.text()).toBe(200)
  }
}

function openReport(base: { id: string; title: string; organization_name: string; specialties: string[] }, open: ReportRow): OpenReport {
  return {
    baseId: base.id,
    baseTitle: base.title,
    organizationName: base.organization_name,
    reportId: open.id,
    monthNo: open.month_no,
    periodStartsOn: open.period_starts_on,
    periodEndsOn: open.period_ends_on,
    specialty: base.specialties[0] ?? '电工',
  }
}
