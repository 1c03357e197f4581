import type { Report, ReportVersion } from '../api/reports'

export const REPORT_ID = '00000000-0000-0000-0000-0000000e0001'
export const BASE_ID = '00000000-0000-0000-0000-0000000b0001'

/** A monthly report as GET /reports/{id} answers it. */
export function makeReport(over: Partial<Report> = {}): Report {
  return {
    id: REPORT_ID,
    base_id: BASE_ID,
    month_no: 2,
    period_starts_on: '2026-03-01',
    period_ends_on: '2026-03-30',
    due_on: '2026-04-10',
    status: 'draft',
    overdue: false,
    submitted_versions: 0,
    submitted_at: null,
    base_title: '顺义区职业技能提升培训基地',
    base_type: 'skills_upgrading',
    organization_id: '00000000-0000-0000-0000-0000000000a1',
    organization_name: '顺义示范职业技能培训学校',
    version: 3,
    editable: true,
    progress: '开班两期',
    problems: '',
    next_plan: '',
    declared_trainees: 40,
    declared_certified_trainees: null,
    declared_certificates: null,
    declared_senior_certificates: null,
    declared_surveyed: null,
    declared_satisfied: null,
    declared_competitions: null,
    reviewed_at: null,
    return_reasons: {},
    competitions: [],
    attachments: [],
    ...over,
  }
}

export function makeReportVersion(no: number, progress: string, over: Partial<ReportVersion> = {}): ReportVersion {
  return {
    id: `00000000-0000-0000-0000-0000000f000${no}`,
    version_no: no,
    submitted_at: '2026-04-05T02:00:00Z',
    submitted_by_id: '00000000-0000-0000-0000-000000000001',
    outcome: null,
    outcome_at: null,
    outcome_reasons: null,
    snapshot: {
      narrative: { progress, problems: '', next_plan: '' },
      figures: { declared_trainees: 40 },
      competitions: [],
      attachments: [],
      rosters: [],
    },
    ...over,
  }
}

export const REPORTER_PERMISSIONS = ['report:read', 'report:write', 'base:write'] as const
export const REVIEWER_PERMISSIONS = ['report:read', 'report:review', 'report:read_all'] as const
