import { useCallback, useEffect, useRef, useState } from 'react'
import { saveDraft } from '../../../api/applications'
import type { Application, ApplicationForm } from '../../../client/types'
import {
  AUTOSAVE_DELAY_MS,
  clearLocalDraft,
  draftBody,
  hasUnsaved,
  initialSaveState,
  saveReducer,
  shouldSave,
  writeLocalDraft,
  type SaveEvent,
  type SaveState,
} from '../../../lib/autosave'
import { ApiError } from '../../../lib/errors'

export interface Autosave {
  state: SaveState
  /** call on every edit with the whole form */
  edit: (form: ApplicationForm) => void
  /** save now (and wait for a running save); resolves true when the server has everything */
  flush: () => Promise<boolean>
  /** the version the next If-Match sends */
  version: () => number
}

/**
 * Debounced draft saving with If-Match (see lib/autosave.ts for the rules). The form is read
 * through `getForm` at the moment a save starts, so the newest text is always what is sent.
 */
export function useDraftAutosave({
  applicationId,
  initialVersion,
  getForm,
  onSaved,
  onConflict,
}: {
  applicationId: string
  initialVersion: number
  getForm: () => ApplicationForm
  onSaved?: (app: Application) => void
  /** a save answered 412: autosave has stopped */
  onConflict?: (currentVersion: number | null) => void
}): Autosave {
  const [state, setState] = useState<SaveState>(() => initialSaveState(initialVersion))
  const ref = useRef<SaveState>(state)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const running = useRef<Promise<void> | null>(null)
  const latest = useRef({ getForm, onSaved, onConflict })
  const saveRef = useRef<() => Promise<void>>(async () => {})
  useEffect(() => {
    latest.current = { getForm, onSaved, onConflict }
  })

  const apply = useCallback((event: SaveEvent) => {
    ref.current = saveReducer(ref.current, event)
    setState(ref.current)
    return ref.current
  }, [])

  const cancelTimer = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }

  const saveNow = useCallback(async (): Promise<void> => {
    if (running.current) return running.current
    if (!shouldSave(ref.current) && ref.current.status !== 'error') return
    const sentVersion = ref.current.version
    apply({ type: 'start' })
    const form = latest.current.getForm()
    const job = (async () => {
      try {
        const app = await saveDraft(applicationId, sentVersion, draftBody(form))
        const after = apply({ type: 'ok', version: app.draft_version, at: Date.now() })
        if (after.status === 'saved') clearLocalDraft(applicationId)
        else writeLocalDraft(applicationId, { form: latest.current.getForm(), baseVersion: after.version, updatedAt: Date.now() })
        latest.current.onSaved?.(app)
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) {
          const details = err.details as { current_version?: unknown } | undefined
          const current = typeof details?.current_version === 'number' ? details.current_version : null
          apply({ type: 'stale', currentVersion: current })
          latest.current.onConflict?.(current)
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
    // edits arrived while saving: save them too, after the usual pause
    if (shouldSave(ref.current)) {
      cancelTimer()
      timer.current = setTimeout(() => void saveRef.current(), AUTOSAVE_DELAY_MS)
    }
  }, [applicationId, apply])
  useEffect(() => {
    saveRef.current = saveNow
  }, [saveNow])

  const edit = useCallback(
    (form: ApplicationForm) => {
      writeLocalDraft(applicationId, { form, baseVersion: ref.current.version, updatedAt: Date.now() })
      const next = apply({ type: 'edit' })
      if (next.status === 'conflict' || next.status === 'locked') return
      cancelTimer()
      timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS)
    },
    [applicationId, apply, saveNow],
  )

  const flush = useCallback(async (): Promise<boolean> => {
    cancelTimer()
    if (running.current) await running.current
    if (shouldSave(ref.current) || ref.current.status === 'error') await saveNow()
    if (running.current) await running.current
    const s = ref.current.status
    return s === 'saved' || s === 'idle'
  }, [saveNow])

  // Leaving the page with text the server lacks: the browser asks (the local copy keeps it anyway).
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (hasUnsaved(ref.current)) e.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [])

  // Unmounting (navigating away inside the app): send what is pending, best effort.
  useEffect(
    () => () => {
      cancelTimer()
      if (shouldSave(ref.current)) void saveNow()
    },
    [saveNow],
  )

  const version = useCallback(() => ref.current.version, [])
  return { state, edit, flush, version }
}
