import { useCallback, useEffect, useRef, useState } from 'react'
import { saveReportDraft, type Report, type ReportDraft } from '../../../api/reports'
import {
  AUTOSAVE_DELAY_MS,
  clearLocalDraft,
  hasUnsaved,
  initialSaveState,
  saveReducer,
  shouldSave,
  writeLocalDraft,
  type SaveEvent,
  type SaveState,
} from '../../../lib/autosave'
import { ApiError } from '../../../lib/errors'
import { reportDraftKey } from '../../../lib/reportDraft'

/**
 * The report editor's autosave: the application editor's rules (lib/autosave.ts) — every edit kept in localStorage at
 * once, a save ~1.5 s after the last edit with If-Match, one at a time; a 412 or 409 stops it — applied to a report.
 */
export function useReportAutosave(reportId: string, initialVersion: number, getDraft: () => ReportDraft, onSaved: (r: Report) => void) {
  const [state, setState] = useState<SaveState>(() => initialSaveState(initialVersion))
  const ref = useRef(state)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const running = useRef<Promise<void> | null>(null)
  const latest = useRef({ getDraft, onSaved })
  const saveRef = useRef<() => Promise<void>>(async () => {})
  useEffect(() => {
    latest.current = { getDraft, onSaved }
  })
  const key = reportDraftKey(reportId)

  const apply = useCallback((event: SaveEvent) => {
    ref.current = saveReducer(ref.current, event)
    setState(ref.current)
    return ref.current
  }, [])

  const saveNow = useCallback(async (): Promise<void> => {
    if (running.current) return running.current
    if (!shouldSave(ref.current) && ref.current.status !== 'error') return
    const sent = ref.current.version
    apply({ type: 'start' })
    const job = (async () => {
      try {
        const report = await saveReportDraft(reportId, sent, latest.current.getDraft())
        const after = apply({ type: 'ok', version: report.version, at: Date.now() })
        if (after.status === 'saved') clearLocalDraft(key)
        latest.current.onSaved(report)
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) {
          const details = err.details as { current_version?: unknown } | undefined
          apply({ type: 'stale', currentVersion: typeof details?.current_version === 'number' ? details.current_version : null })
        } else if (err instanceof ApiError && err.status === 409) {
          apply({ type: 'locked', message: err.message })
        } else {
          apply({ type: 'fail', message: err instanceof ApiError ? err.message : String(err) })
        }
      }
    })()
    running.current = job
    try {
      await job
    } finally {
      running.current = null
    }
    if (shouldSave(ref.current)) {
      if (timer.current) clearTimeout(timer.current)
      timer.current = setTimeout(() => void saveRef.current(), AUTOSAVE_DELAY_MS)
    }
  }, [apply, key, reportId])
  useEffect(() => {
    saveRef.current = saveNow
  }, [saveNow])

  const edit = useCallback(
    (draft: ReportDraft) => {
      writeLocalDraft(key, { form: draft, baseVersion: ref.current.version, updatedAt: Date.now() })
      const next = apply({ type: 'edit' })
      if (next.status === 'conflict' || next.status === 'locked') return
      if (timer.current) clearTimeout(timer.current)
      timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS)
    },
    [apply, key, saveNow],
  )

  /** Save what is pending now; resolves with the version the next If-Match sends, or null when the server lacks text. */
  const flush = useCallback(async (): Promise<number | null> => {
    if (timer.current) clearTimeout(timer.current)
    if (running.current) await running.current
    if (shouldSave(ref.current) || ref.current.status === 'error') await saveNow()
    const s = ref.current.status
    return s === 'saved' || s === 'idle' ? ref.current.version : null
  }, [saveNow])

  const reset = useCallback((version: number) => apply({ type: 'reset', version }), [apply])

  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (hasUnsaved(ref.current)) e.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [])
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
      if (shouldSave(ref.current)) void saveNow()
    },
    [saveNow],
  )
  return { state, edit, flush, reset }
}
