import { describe, expect, it } from 'vitest'
import { translate } from '../i18n'
import { fieldLabel, valueText } from './fieldLabels'

const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('zh', key, vars)

describe('fieldLabel (Chinese labels of the diff fields)', () => {
  it('names the common fields', () => {
    expect(fieldLabel('form.table_1_2.project_background', t)).toBe('表1-2 / 项目背景')
    expect(fieldLabel('form.cover.form_filler', t)).toBe('封面 / 填报人')
    expect(fieldLabel('form.table_2_2.staged_goals.0.indicators.1.target', t)).toBe('表2-2 / 阶段目标 / 第 1 项 / 可量化、可监测指标 / 第 2 项 / 目标值')
  })

  it('numbers specialties like the form (表3-n) and names depend on their list', () => {
    expect(fieldLabel('form.specialties.1.capacity_items.0.year1_acceptance', t)).toBe(
      '专业 2（表3-2） / 建设内容二 / 第 1 项 / 第一年验收要点',
    )
    expect(fieldLabel('form.specialties.0.name', t)).toBe('专业 1（表3-1） / 专业（职业、工种）名称')
    expect(fieldLabel('form.specialties.0.leader.name', t)).toBe('专业 1（表3-1） / 项目负责人 / 姓名')
    expect(fieldLabel('form.eligibility.cooperating_enterprises.2.name', t)).toBe('申报条件 / 合作企业、行业组织 / 第 3 项 / 单位名称')
    expect(fieldLabel('organization.legal_representative.mobile', t)).toBe('单位信息 / 法定代表人 / 手机')
  })

  it('keeps unknown segments as they are', () => {
    expect(fieldLabel('form.something_new', t)).toBe('something_new')
  })

  it('shows values readably', () => {
    expect(valueText(true, t)).toBe('是')
    expect(valueText(null, t)).toBe('—')
    expect(valueText([], t)).toBe('—')
    expect(valueText(500, t)).toBe('500')
  })
})
