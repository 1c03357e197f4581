/**
 * API helpers for the review e2e (review-flow.spec.ts): what happens before the UI part, done
 * through the real endpoints like tests/flows.py does — a complete skills_upgrading application with
 * its six required attachments, submitted (the organisation comes from support/api.ts).
 */
import { deflateSync } from 'node:zlib'
import { expect, type APIRequestContext } from '@playwright/test'
import { adminToken, apiToken, pdfBytes } from './api'

/** Relative to Playwright's baseURL: the SPA's origin, which proxies /api to the backend. */
const API = '/api/v1'

export const REQUIRED_SLOTS = [
  'licence',
  'equipment_list',
  'teacher_list',
  'project_management_rules',
  'finance_management_rules',
  'safety_management_rules',
] as const

const auth = (token: string) => ({ Authorization: `Bearer ${token}` })

async function ok<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBeTruthy()
  return (await res.json()) as T
}

function items(label: string) {
  return [1, 2].map((i) => ({
    item: `${label}条目${i}`,
    year1_acceptance: `${label}第一年验收要点${i}`,
    year2_acceptance: `${label}第二年验收要点${i}`,
  }))
}

function specialty(name: string) {
  return {
    name,
    leader: { name: '赵师傅', post: '培训部 部长/高级技师' },
    members: [
      { name: '钱老师', post: '讲师' },
      { name: '孙老师', post: '技师' },
    ],
    goals: [
      { name: '年取证人数', target: '300人次' },
      { name: '取证率', target: '90%' },
    ],
    system_items: items('培训体系'),
    capacity_items: items('培训能力'),
    results_items: items('经验成果'),
  }
}

/** The shape of tests/forms.py complete_form(skills_upgrading): valid on every eligibility check. */
export function completeForm(specialties: string[] = ['数控车工', '电工']) {
  const partners = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `合作企业${i + 1}`, note: '订单式培训' }))
  return {
    cover: { form_filler: '李填报', fill_date: new Date().toISOString().slice(0, 10) },
    table_1_1: { feature_overview: '规范管理、培训能力突出，师资队伍雄厚' },
    table_1_2: { project_background: '顺义区产业升级对技能人才需求旺盛', work_foundation: '已开展多年职业技能培训' },
    table_2_1: { guiding_ideology: '贯彻落实十四五职业技能培训规划', basic_approach: '校企合作、产训结合' },
    table_2_2: {
      overall_goal: '建成高水平培训基地',
      staged_goals: [
        { period: '建设期第一年', goal: '取证600人次', indicators: [{ name: '取证人数', target: '600人次' }] },
        { period: '建设期第二年', goal: '累计取证1800人次', indicators: [{ name: '累计取证', target: '1800人次' }] },
      ],
    },
    specialties: specialties.map(specialty),
    table_4: { management_organization: '成立基地建设领导小组', safeguard_mechanisms: '建立培训与管理机制', funding: '专账管理，自筹配套' },
    eligibility: { training_volume: 500, cooperating_enterprises: partners(5) },
    declarations: { no_penalty_3y: true, premises_meet_standards: true, management_rules_in_force: true },
  }
}

interface AppRead {
  id: string
  status: string
  draft_version: number
  submitted_versions: number
}

/** A complete skills_upgrading application of the organisation's user with its six attachments, still a draft:
 * the applicant submits it in the UI. */
export async function readyApplication(request: APIRequestContext, email: string, password: string): Promise<AppRead> {
  const token = await apiToken(request, email, password)
  const calls = await ok<{ items: { id: string; accepting_applications: boolean; base_types: string[] }[] }>(
    await request.get(`${API}/public/calls`, { params: { limit: 100 } }),
    'public calls',
  )
  const call = calls.items.find((c) => c.accepting_applications && c.base_types.includes('skills_upgrading'))
  expect(call, 'an open call accepting skills_upgrading (the seed has one)').toBeTruthy()
  let app = await ok<AppRead>(
    await request.post(`${API}/applications`, { headers: auth(token), data: { call_id: call!.id, base_type: 'skills_upgrading' } }),
    'create application',
  )
  app = await ok<AppRead>(
    await request.put(`${API}/applications/${app.id}/draft`, {
      headers: { ...auth(token), 'If-Match': `"${app.draft_version}"` },
      data: completeForm(),
    }),
    'save the complete form',
  )
  for (const slot of REQUIRED_SLOTS) {
    await ok(
      await request.post(`${API}/applications/${app.id}/attachments`, {
        params: { slot, filename: `${slot}.pdf` },
        headers: { ...auth(token), 'Content-Type': 'application/octet-stream' },
        data: pdfBytes(slot),
      }),
      `upload ${slot}`,
    )
  }
  return app
}

/** The application's clock as the development-only endpoint reports it (backend/skillbase/dev/router.py). */
export interface ServerClock {
  now: string
  today: string
  offset_days: number
}

/**
 * Lets the notice's publicity period pass by moving the stack's clock forward (POST /api/v1/dev/clock, which
 * exists only when the API runs with ENVIRONMENT=development, as `make run` does): to the day after the
 * period ends, Beijing time. Nothing in the database is edited. Returns the server's clock afterwards, so the
 * browser's clock can follow it (the UI computes the notice's phase from the browser's date). Sessions
 * older than the jump are over, as they would be: log in again. `resetClock` puts the clock back.
 */
export async function movePublicityToPast(request: APIRequestContext, noticeId: string): Promise<ServerClock> {
  const token = await adminToken(request)
  const notice = await ok<{ ends_on: string }>(
    await request.get(`${API}/publicity-notices/${noticeId}`, { headers: auth(token) }),
    'read the notice',
  )
  const clock = await ok<ServerClock>(await request.get(`${API}/dev/clock`, { headers: auth(token) }), 'read the clock')
  const days = Math.round((Date.parse(notice.ends_on) - Date.parse(clock.today)) / 86_400_000) + 1
  const moved = await ok<ServerClock>(
    await request.post(`${API}/dev/clock`, { headers: auth(token), data: { offset_days: clock.offset_days + days } }),
    'move the clock',
  )
  expect(moved.today > notice.ends_on, `the clock moved to ${moved.today}, the period ends ${notice.ends_on}`).toBeTruthy()
  return moved
}

/** Puts the stack's clock back to the real time (after a test that moved it, even a failed one). */
export async function resetClock(request: APIRequestContext): Promise<void> {
  const token = await adminToken(request)
  await ok<ServerClock>(await request.post(`${API}/dev/clock`, { headers: auth(token), data: { offset_days: 0 } }), 'reset the clock')
}

// --- a small valid PNG for the site-inspection photo ------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** A w×h RGB PNG (a coloured grid, enough to look like a photo thumbnail). */
export function makePng(w = 160, h = 120): Buffer {
  const rows: number[] = []
  for (let y = 0; y < h; y++) {
    rows.push(0)
    for (let x = 0; x < w; x++) {
      const tile = (Math.floor(x / 20) + Math.floor(y / 20)) % 2
      rows.push(40 + Math.floor((120 * x) / w), 120 + Math.floor((80 * y) / h), tile ? 180 : 140)
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
