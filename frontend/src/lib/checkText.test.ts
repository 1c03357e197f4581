import { describe, expect, it } from 'vitest'
import type { Check } from '../client/types'
import { translate, type Lang } from '../i18n'
import { en } from '../i18n/en'
import { zh } from '../i18n/zh'
import { checkText } from './checkText'

const text = (check: Check, lang: Lang) =>
  checkText(check, lang, (key, vars) => translate(lang, key, vars))

const posts: Check = {
  code: 'TOO_FEW_POSTS',
  message: '可提供的培训就业岗位数不少于 300（当前：120）',
  passed: false,
  group: 'conditions',
  field: 'eligibility.posts_offered',
  params: { minimum: 300, actual: 120 },
}

describe('checkText (an eligibility check in the reader’s language)', () => {
  it('renders a check in English from its code and params', () => {
    expect(text(posts, 'en')).toBe('Training and employment posts offered: at least 300 (now: 120)')
    expect(text({ ...posts, code: 'TOO_FEW_POSTS_OK', passed: true, params: { minimum: 300, actual: null } }, 'en')).toBe(
      'Training and employment posts offered: at least 300 (now: not filled in)',
    )
  })

  it('keeps the server’s Chinese message for a Chinese reader', () => {
    expect(text(posts, 'zh')).toBe(posts.message)
  })

  it('names enum values and form sections in English', () => {
    const category: Check = {
      code: 'CATEGORY_NOT_ALLOWED',
      message: '…',
      passed: false,
      group: 'organization',
      field: null,
      params: { base_type: 'industry_chain', allowed_categories: 'enterprise', category: 'technical_school' },
    }
    expect(text(category, 'en')).toBe(
      'Industry-chain enterprise training base: open to Enterprise; your organisation: Technical school',
    )
    const slot: Check = { ...category, code: 'ATTACHMENT_MISSING', group: 'attachments', params: { slot: 'teacher_list' } }
    expect(text(slot, 'en')).toBe('Attachment: Teacher list')
    const section: Check = {
      ...category,
      code: 'SECTION_INCOMPLETE',
      group: 'form',
      field: 'cover.form_filler',
      params: { section: 'cover.form_filler' },
    }
    expect(text(section, 'en')).toBe('Cover / Filled in by')
  })

  it('falls back to the server’s message for a code this build does not know', () => {
    expect(text({ ...posts, code: 'SOMETHING_NEW' as Check['code'] }, 'en')).toBe(posts.message)
  })

  it('has every check entry in both dictionaries', () => {
    const keys = (d: object) => Object.keys(d).filter((k) => k.startsWith('check.'))
    expect(keys(en)).toEqual(keys(zh))
  })
})
