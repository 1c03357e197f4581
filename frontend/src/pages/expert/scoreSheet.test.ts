import { describe, expect, it } from 'vitest'
import type { Criterion } from '../../api/reviews'
import { cleanScores, defaultFindings, rubricMax, runningTotal, unscored } from './scoreSheet'

const rubric: Criterion[] = [
  { key: 'management', name: '规范管理', description: '', max_points: 15 },
  { key: 'training_capacity', name: '培训能力', description: '', max_points: 20 },
  { key: 'teachers', name: '师资队伍', description: '', max_points: 15 },
  { key: 'cooperation', name: '校企合作', description: '', max_points: 15 },
  { key: 'construction_plan', name: '建设方案', description: '', max_points: 15 },
  { key: 'output_targets', name: '产出指标', description: '', max_points: 10 },
  { key: 'safeguards', name: '保障措施', description: '', max_points: 10 },
]

describe('running total of the score sheet', () => {
  it('is out of 100 with the default rubric', () => {
    expect(rubricMax(rubric)).toBe(100)
  })

  it('adds the scores entered so far', () => {
    expect(runningTotal({}, rubric)).toBe(0)
    expect(runningTotal(null, rubric)).toBe(0)
    expect(runningTotal({ management: 12, teachers: 10 }, rubric)).toBe(22)
    const full = Object.fromEntries(rubric.map((c) => [c.key, c.max_points]))
    expect(runningTotal(full, rubric)).toBe(100)
  })

  it('ignores blanks, fractions, out-of-range values and keys outside the rubric', () => {
    expect(runningTotal({ management: null, teachers: 7.5, cooperation: 16, output_targets: -1, other: 50 }, rubric)).toBe(0)
    expect(runningTotal({ management: '10', safeguards: 10 }, rubric)).toBe(10)
  })

  it('lists what is not scored yet', () => {
    expect(unscored({ management: 0 }, rubric).map((c) => c.key)).not.toContain('management')
    expect(unscored({ management: 0 }, rubric)).toHaveLength(6)
  })

  it('sends only numbers of the rubric', () => {
    expect(cleanScores({ management: 3, other: 5, teachers: null }, rubric)).toEqual({ management: 3 })
  })

  it('starts the site inspection with the four standard items, no result yet', () => {
    const f = defaultFindings()
    expect(f.map((x) => x.item)).toEqual(['场所设备符合国家建设和安全标准', '实训场地与申报条件相符', '师资与申报相符', '管理制度健全'])
    expect(f.every((x) => x.result === null)).toBe(true)
  })
})
