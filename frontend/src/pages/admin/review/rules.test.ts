import { describe, expect, it } from 'vitest'
import { checkPanel, isReviewStage, MIN_PANEL } from './rules'

const pool = [
  { expert_id: 'a' },
  { expert_id: 'b' },
  { expert_id: 'c' },
  { expert_id: 'd' },
  { expert_id: 'e' },
  { expert_id: 'x', excluded: '申报单位本单位的专家，须回避' },
]

describe('checkPanel: at least 3 and an odd number, nobody excluded, a lead among them', () => {
  it('refuses fewer than three', () => {
    expect(MIN_PANEL).toBe(3)
    for (const ids of [[], ['a'], ['a', 'b']]) {
      const c = checkPanel(ids, ids[0], pool)
      expect(c.enough).toBe(false)
      expect(c.valid).toBe(false)
    }
  })

  it('accepts three and five, refuses four (even)', () => {
    expect(checkPanel(['a', 'b', 'c'], 'a', pool)).toMatchObject({ size: 3, enough: true, odd: true, valid: true })
    expect(checkPanel(['a', 'b', 'c', 'd'], 'a', pool)).toMatchObject({ size: 4, enough: true, odd: false, valid: false })
    expect(checkPanel(['a', 'b', 'c', 'd', 'e'], 'e', pool)).toMatchObject({ size: 5, odd: true, valid: true })
  })

  it('counts an expert chosen twice once', () => {
    expect(checkPanel(['a', 'a', 'b', 'c'], 'a', pool)).toMatchObject({ size: 3, valid: true })
  })

  it('refuses an excluded expert (own organisation or declared conflict)', () => {
    const c = checkPanel(['a', 'b', 'x'], 'a', pool)
    expect(c.noExcluded).toBe(false)
    expect(c.valid).toBe(false)
  })

  it('needs a lead who is a member', () => {
    expect(checkPanel(['a', 'b', 'c'], null, pool)).toMatchObject({ leadChosen: false, valid: false })
    expect(checkPanel(['a', 'b', 'c'], 'd', pool)).toMatchObject({ leadChosen: false, valid: false })
  })
})

describe('review stages', () => {
  it('knows the six tabs only', () => {
    expect(isReviewStage('submitted')).toBe(true)
    expect(isReviewStage('in_publicity')).toBe(true)
    expect(isReviewStage('draft')).toBe(false)
    expect(isReviewStage(null)).toBe(false)
  })
})
