import { describe, expect, it } from 'vitest'
import type { Check } from '../client/types'
import {
  canonical,
  compareFieldPaths,
  formDifferences,
  groupChecks,
  namePath,
  sameForm,
  sectionOfCheck,
  sectionStates,
  specialtyIndexOf,
  withDefaults,
} from './applicationForm'

const check = (field: string | null, passed: boolean, group = 'form'): Check => ({
  code: passed ? 'SECTION_COMPLETE' : 'SECTION_INCOMPLETE',
  message: field ?? group,
  passed,
  group,
  params: {},
  field,
})

describe('sectionStates (completeness from the eligibility checks)', () => {
  it('is unknown everywhere without checks', () => {
    const s = sectionStates(undefined)
    expect(s.cover).toBe('unknown')
    expect(s.preview).toBe('unknown')
  })

  it('a section is complete when every check under its field prefix passed', () => {
    const s = sectionStates([
      check('cover.form_filler', true),
      check('cover.fill_date', true),
      check('table_1_2.project_background', true),
      check('table_1_2.work_foundation', false),
    ])
    expect(s.cover).toBe('complete')
    expect(s.table_1_2).toBe('incomplete')
    expect(s.table_2_1).toBe('unknown')
  })

  it('a failing check anywhere in a specialty makes 专业 incomplete, whatever the order', () => {
    const passedFirst = sectionStates([check('specialties.0.name', true), check('specialties.1.capacity_items', false)])
    const failedFirst = sectionStates([check('specialties.1.capacity_items', false), check('specialties.0.name', true)])
    expect(passedFirst.specialties).toBe('incomplete')
    expect(failedFirst.specialties).toBe('incomplete')
  })

  it('maps eligibility, attachments and declarations by their field prefixes', () => {
    const s = sectionStates([
      check('eligibility.training_volume', true, 'conditions'),
      check('eligibility.cooperating_enterprises', true, 'conditions'),
      check('attachments.licence', true, 'attachments'),
      check('attachments.teacher_list', false, 'attachments'),
      check('declarations.no_penalty_3y', true, 'declarations'),
    ])
    expect(s.eligibility).toBe('complete')
    expect(s.attachments).toBe('incomplete')
    expect(s.declarations).toBe('complete')
  })

  it('checks without a field (call, organisation) count only for 预览与提交', () => {
    const checks = [check(null, false, 'organization'), check('cover.form_filler', true)]
    const s = sectionStates(checks)
    expect(s.table_1_1).toBe('unknown')
    expect(s.cover).toBe('complete')
    expect(s.preview).toBe('incomplete')
    expect(sectionStates([check(null, true, 'call'), check('cover.form_filler', true)]).preview).toBe('complete')
  })

  it('ignores fields outside the form sections', () => {
    expect(sectionStates([check('something.else', false)]).cover).toBe('unknown')
  })
})

describe('sectionOfCheck (where a failing check jumps)', () => {
  it('uses the field prefix first, then the group', () => {
    expect(sectionOfCheck({ field: 'specialties.1.capacity_items', group: 'form' })).toBe('specialties')
    expect(sectionOfCheck({ field: 'attachments.licence', group: 'attachments' })).toBe('attachments')
    expect(sectionOfCheck({ field: null, group: 'organization' })).toBe('table_1_1')
    expect(sectionOfCheck({ field: null, group: 'conditions' })).toBe('eligibility')
    expect(sectionOfCheck({ field: null, group: 'call' })).toBeNull()
  })

  it('finds the specialty and the antd name path', () => {
    expect(specialtyIndexOf('specialties.1.capacity_items')).toBe(1)
    expect(specialtyIndexOf('specialties.12')).toBe(12)
    expect(specialtyIndexOf('specialties')).toBeNull()
    expect(specialtyIndexOf(null)).toBeNull()
    expect(namePath('specialties.1.name')).toEqual(['specialties', 1, 'name'])
  })

  it('groups the checks in the panel order', () => {
    const groups = groupChecks([check('x', true, 'attachments'), check(null, true, 'call'), check('y', false, 'form')])
    expect(groups.map((g) => g.group)).toEqual(['call', 'form', 'attachments'])
  })
})

describe('comparing forms', () => {
  it('empty values count as absent', () => {
    expect(sameForm({ cover: { form_filler: 'a', fill_date: null }, specialties: [] }, { cover: { form_filler: 'a' } })).toBe(true)
    expect(sameForm({ cover: { form_filler: 'a' } }, { cover: { form_filler: 'b' } })).toBe(false)
    expect(canonical({ a: '  ', b: [], c: {} })).toBeUndefined()
  })

  it('lists the leaves that differ, numbers in numeric order', () => {
    const before = { table_1_2: { project_background: 'old' }, specialties: [{ name: '数控车工' }] }
    const after = { table_1_2: { project_background: 'new' }, specialties: [{ name: '数控车工' }, { name: '电工' }] }
    expect(formDifferences(before, after)).toEqual([
      { field: 'specialties.1.name', before: undefined, after: '电工' },
      { field: 'table_1_2.project_background', before: 'old', after: 'new' },
    ])
    expect(['a.10', 'a.2', 'a.1.b'].sort(compareFieldPaths)).toEqual(['a.1.b', 'a.2', 'a.10'])
  })

  it('withDefaults gives every list and declaration', () => {
    const f = withDefaults(null)
    expect(f.specialties).toEqual([])
    expect(f.table_2_2?.staged_goals).toEqual([])
    expect(f.declarations).toEqual({ no_penalty_3y: false, premises_meet_standards: false, management_rules_in_force: false })
  })
})
