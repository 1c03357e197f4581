/**
 * The review workflow's rules as the UI checks them before asking the server (which stays the
 * authority): panel composition (domain.md §5), formal-check sections, review stages.
 */
import type { ApplicationStatus } from '../../../client/types'

export const MIN_PANEL = 3

export interface PanelCandidate {
  expert_id: string
  excluded?: string | null
}

export interface PanelCheck {
  /** number of experts chosen */
  size: number
  /** at least three */
  enough: boolean
  /** an odd number */
  odd: boolean
  /** nobody who must stand aside (own organisation, declared conflict) */
  noExcluded: boolean
  /** a lead is chosen among the members */
  leadChosen: boolean
  valid: boolean
}

/** "至少3人且为单数、回避本单位专家": the panel the server accepts (reviews/rules.py panel_size_problem). */
export function checkPanel(selected: readonly string[], lead: string | null | undefined, candidates: readonly PanelCandidate[]): PanelCheck {
  const ids = [...new Set(selected)]
  const byId = new Map(candidates.map((c) => [c.expert_id, c]))
  const size = ids.length
  const enough = size >= MIN_PANEL
  const odd = size % 2 === 1
  const noExcluded = ids.every((id) => !byId.get(id)?.excluded)
  const leadChosen = !!lead && ids.includes(lead)
  return { size, enough, odd, noExcluded, leadChosen, valid: enough && odd && noExcluded && leadChosen }
}

/** Sections a formal check may return (Annex 1 order). The value sent is the Chinese label. */
export const FORMAL_CHECK_SECTIONS = [
  { key: 'cover', label: '封面' },
  { key: 'table_1_1', label: '表1-1' },
  { key: 'table_1_2', label: '表1-2' },
  { key: 'table_2_1', label: '表2-1' },
  { key: 'table_2_2', label: '表2-2' },
  { key: 'table_3_1', label: '表3-n-1' },
  { key: 'table_3_2', label: '表3-n-2' },
  { key: 'table_4', label: '表4' },
  { key: 'table_5', label: '表5' },
  { key: 'eligibility', label: '申报条件' },
  { key: 'declarations', label: '承诺' },
  { key: 'attachments', label: '附件' },
] as const

/** 评审管理 tabs: one per stage, in the order an application moves through them. */
export const REVIEW_STAGES = [
  'submitted',
  'formal_check_passed',
  'under_review',
  'reviewed',
  'approved',
  'in_publicity',
] as const satisfies readonly ApplicationStatus[]
export type ReviewStage = (typeof REVIEW_STAGES)[number]

export function isReviewStage(s: string | null | undefined): s is ReviewStage {
  return !!s && (REVIEW_STAGES as readonly string[]).includes(s)
}
