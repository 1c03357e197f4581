import { describe, expect, it } from 'vitest'
import { competitionProblems, draftBodyOf, draftOf, reportDraftKey, satisfiedExceedsSurveyed } from './reportDraft'

const REPORT = {
  progress: '开班两期',
  problems: '',
  next_plan: '继续',
  declared_trainees: 40,
  declared_certified_trainees: null,
  declared_certificates: 30,
  declared_senior_certificates: null,
  declared_surveyed: 40,
  declared_satisfied: 39,
  declared_competitions: null,
}

describe('the report draft', () => {
  it('takes the narrative and the seven declared figures, nothing else', () => {
    expect(draftOf({ ...REPORT, status: 'draft' } as typeof REPORT)).toEqual(REPORT)
  })

  it('sends an emptied number input as not declared (null)', () => {
    const body = draftBodyOf({ progress: 'x', declared_trainees: undefined, declared_certificates: 3 })
    expect(body.declared_trainees).toBeNull()
    expect(body.declared_certificates).toBe(3)
    expect(body.problems).toBe('')
  })

  it('flags more satisfied than surveyed only when both are declared', () => {
    expect(satisfiedExceedsSurveyed({ declared_surveyed: 10, declared_satisfied: 11 })).toBe(true)
    expect(satisfiedExceedsSurveyed({ declared_surveyed: 10, declared_satisfied: 10 })).toBe(false)
    expect(satisfiedExceedsSurveyed({ declared_surveyed: null, declared_satisfied: 11 })).toBe(false)
  })

  it('keeps its local copy apart from the application drafts', () => {
    expect(reportDraftKey('abc')).toBe('report.abc')
  })
})

describe('a competition', () => {
  const march = { from: '2026-03-01', to: '2026-03-30' }
  it('must end inside the report month', () => {
    expect(competitionProblems({ starts_on: '2026-03-05', ends_on: '2026-03-30', contestants: 300, winners: 10 }, march)).toEqual([])
    expect(competitionProblems({ starts_on: '2026-03-05', ends_on: '2026-03-31', contestants: 300, winners: 10 }, march)).toEqual([
      'endsOutsideMonth',
    ])
    expect(competitionProblems({ starts_on: '2026-02-20', ends_on: '2026-02-28', contestants: 300, winners: 0 }, march)).toEqual(['endsOutsideMonth'])
  })

  it('has no more winners than contestants and starts before it ends', () => {
    expect(competitionProblems({ starts_on: '2026-03-06', ends_on: '2026-03-05', contestants: 10, winners: 11 }, march)).toEqual([
      'startsAfterEnd',
      'winnersExceedContestants',
    ])
  })
})
