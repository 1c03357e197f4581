/**
 * Pure helpers of the monthly report pages: the draft the editor sends, the checks shown before the server's, the
 * colours of the status tags, the key of the local copy kept while typing.
 */
import type { CompetitionInput, Report, ReportDraft, ReportStatus } from '../api/reports'
import { DECLARED_FIGURES } from '../api/reports'

export const REPORT_STATUS_COLORS: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
}

/** The editable part of a report, as PUT /reports/{id}/draft takes it. */
export function draftOf(report: Pick<Report, 'progress' | 'problems' | 'next_plan' | (typeof DECLARED_FIGURES)[number]>): ReportDraft {
  const draft: ReportDraft = { progress: report.progress, problems: report.problems, next_plan: report.next_plan }
  for (const key of DECLARED_FIGURES) draft[key] = report[key] ?? null
  return draft
}

/** The body sent: empty number inputs become null (not declared), text stays as typed. */
export function draftBodyOf(values: Partial<ReportDraft>): ReportDraft {
  const body: ReportDraft = { progress: values.progress ?? '', problems: values.problems ?? '', next_plan: values.next_plan ?? '' }
  for (const key of DECLARED_FIGURES) {
    const v = values[key]
    body[key] = typeof v === 'number' && Number.isFinite(v) ? v : null
  }
  return body
}

/** The same rule as the database: satisfied ≤ surveyed when both are declared. */
export function satisfiedExceedsSurveyed(draft: Partial<ReportDraft>): boolean {
  const { declared_satisfied: satisfied, declared_surveyed: surveyed } = draft
  return typeof satisfied === 'number' && typeof surveyed === 'number' && satisfied > surveyed
}

export type CompetitionProblem = 'endsOutsideMonth' | 'startsAfterEnd' | 'winnersExceedContestants'

/** What the server would refuse in a competition (422 COMPETITION_INVALID), checked before sending. */
export function competitionProblems(input: Pick<CompetitionInput, 'starts_on' | 'ends_on' | 'contestants' | 'winners'>, period: { from: string; to: string }): CompetitionProblem[] {
  const problems: CompetitionProblem[] = []
  if (input.ends_on < period.from || input.ends_on > period.to) problems.push('endsOutsideMonth')
  if (input.starts_on > input.ends_on) problems.push('startsAfterEnd')
  if ((input.winners ?? 0) > input.contestants) problems.push('winnersExceedContestants')
  return problems
}

/** The local copy's key (lib/autosave.ts stores it under its own prefix): apart from the application drafts. */
export function reportDraftKey(reportId: string): string {
  return `report.${reportId}`
}
