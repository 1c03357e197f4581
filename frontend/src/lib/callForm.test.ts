import { describe, expect, it } from 'vitest'
import type { BaseTypePolicy, Call, CallDefaults } from '../client/types'
import { callToValues, isFieldLocked, newCallValues, policyFromValues, policyToValues, rubricTotal, toCallCreate, toCallUpdate } from './callForm'

const policy: BaseTypePolicy = {
  title: '顺义区职业技能提升培训基地',
  allowed_categories: ['technical_school'],
  requires_enterprise_qualification: false,
  subsidy_fen: 100_000_000,
  first_tranche_percent: 40,
  requires_support_team: false,
  requires_past_competitions: false,
  construction_months: 24,
  improvement_months: 12,
  brand_award_fen: 5_000_000,
  high_skill_award_per_step_fen: 5_000_000,
  high_skill_award_cap_fen: null,
  required_attachments: ['licence'],
}

const defaults: CallDefaults = {
  policies: { skills_upgrading: policy, competition: { ...policy, title: '技能大赛集训基地', subsidy_fen: 10_000_000 } },
  rubric: [
    { key: 'a', name: 'A', description: '', max_points: 60 },
    { key: 'b', name: 'B', description: '', max_points: 40 },
  ],
  publicity_days: 7,
  report_due_day: 10,
  score_divergence_points: 20,
}

describe('call form values', () => {
  it('shows money in yuan and sends it back in fen, exactly', () => {
    const v = policyToValues(policy)
    expect(v.subsidy_fen).toBe('1000000')
    expect(v.brand_award_fen).toBe('50000')
    expect(v.high_skill_award_cap_fen).toBeNull()
    const back = policyFromValues({ ...v, subsidy_fen: '1200000.5' })
    expect(back.subsidy_fen).toBe(120_000_050)
    expect(back.brand_award_fen).toBe(5_000_000)
    expect(back.high_skill_award_cap_fen).toBeNull()
    expect(policyFromValues({ ...v, brand_award_fen: '' }).brand_award_fen).toBeNull()
    expect(() => policyFromValues({ ...v, subsidy_fen: '1.001' })).toThrow()
  })

  it('a new call starts from the defaults and sends only the chosen base types', () => {
    const v = newCallValues(defaults, new Date(2026, 0, 15))
    expect(v.year).toBe(2026)
    expect(v.opens_on).toBe('2026-01-15')
    expect(v.deadline).toBe('2026-04-15')
    expect(v.base_types).toEqual(['skills_upgrading', 'competition'])
    const body = toCallCreate({ ...v, name: ' 2026年批次 ', base_types: ['competition'] })
    expect(body.name).toBe('2026年批次')
    expect(Object.keys(body.policies ?? {})).toEqual(['competition'])
    expect(body.policies?.competition.subsidy_fen).toBe(10_000_000)
  })

  it('a published call sends only what may still change', () => {
    const call = {
      id: 'c1',
      name: '批次',
      year: 2026,
      district_code: '110113',
      opens_on: '2026-01-01',
      deadline: '2026-03-01',
      valid_until: '2029-03-01',
      status: 'published',
      base_types: ['skills_upgrading'],
      policies: { skills_upgrading: policy },
      rubric: defaults.rubric,
      publicity_days: 7,
      report_due_day: 10,
      score_divergence_points: 20,
      version: 3,
      accepting_applications: true,
      published_at: null,
      closed_at: null,
      created_at: '',
      updated_at: '',
    } satisfies Call
    const v = callToValues(call, defaults)
    expect(Object.keys(v.policies)).toEqual(['skills_upgrading', 'competition']) // defaults for a type added later
    expect(toCallUpdate({ ...v, name: '新名称' }, 'published')).toEqual({
      name: '新名称',
      deadline: '2026-03-01',
      valid_until: '2029-03-01',
      publicity_days: 7,
      report_due_day: 10,
    })
    expect(toCallUpdate(v, 'draft').policies?.skills_upgrading.subsidy_fen).toBe(100_000_000)
    expect(isFieldLocked('published', 'policies')).toBe(true)
    expect(isFieldLocked('published', 'deadline')).toBe(false)
    expect(isFieldLocked('draft', 'policies')).toBe(false)
    expect(isFieldLocked('closed', 'name')).toBe(true)
  })

  it('adds up the rubric, ignoring unfinished rows', () => {
    expect(rubricTotal(defaults.rubric)).toBe(100)
    expect(rubricTotal([{ max_points: 30 }, {}, undefined, { max_points: 5 }])).toBe(35)
    expect(rubricTotal(undefined)).toBe(0)
  })
})
