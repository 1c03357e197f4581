/**
 * The pure parts of the draft autosave: the save-state machine, the local copy kept in
 * localStorage (so nothing typed is lost on a crash or reload), the restore decision on load and
 * the rows the "他人已修改此申报" dialog shows after a 412.
 *
 * Rules:
 *  - every edit is written to localStorage at once and marks the draft dirty;
 *  - a save is sent ~1.5 s after the last edit, with If-Match: "<version>", one at a time; edits made
 *    while it runs make the draft dirty again, so another save follows;
 *  - a 412 stops autosaving for good (status 'conflict'): only an explicit reload starts it again;
 *  - a 409 (not editable any more) stops it too ('locked'); other failures wait for the next edit or a retry.
 */
import { formDifferences, sameForm } from './applicationForm'

export const AUTOSAVE_DELAY_MS = 1500

export type SaveStatus = 'idle' | 'dirty' | 'saving' | 'saved' | 'conflict' | 'locked' | 'error'

export interface SaveState {
  status: SaveStatus
  /** the draft_version the next save sends as If-Match */
  version: number
  /** when the last save succeeded (ms since epoch) */
  savedAt: number | null
  /** an edit arrived while a save was running */
  editedWhileSaving: boolean
  /** the server's version, from a 412's details.current_version */
  conflictVersion: number | null
  error: string | null
}

export type SaveEvent =
  | { type: 'edit' }
  | { type: 'start' }
  | { type: 'ok'; version: number; at: number }
  | { type: 'stale'; currentVersion: number | null }
  | { type: 'locked'; message: string }
  | { type: 'fail'; message: string }
  | { type: 'reset'; version: number }

export function initialSaveState(version: number): SaveState {
  return { status: 'idle', version, savedAt: null, editedWhileSaving: false, conflictVersion: null, error: null }
}

const STOPPED: ReadonlySet<SaveStatus> = new Set(['conflict', 'locked'])

export function saveReducer(state: SaveState, event: SaveEvent): SaveState {
  switch (event.type) {
    case 'edit':
      if (STOPPED.has(state.status)) return state
      if (state.status === 'saving') return { ...state, editedWhileSaving: true }
      return { ...state, status: 'dirty', error: null }
    case 'start':
      if (state.status !== 'dirty' && state.status !== 'error') return state
      return { ...state, status: 'saving', editedWhileSaving: false, error: null }
    case 'ok':
      if (STOPPED.has(state.status)) return state
      return {
        ...state,
        status: state.editedWhileSaving ? 'dirty' : 'saved',
        version: event.version,
        savedAt: event.at,
        editedWhileSaving: false,
        error: null,
      }
    case 'stale':
      return { ...state, status: 'conflict', conflictVersion: event.currentVersion, editedWhileSaving: false }
    case 'locked':
      return { ...state, status: 'locked', error: event.message, editedWhileSaving: false }
    case 'fail':
      return { ...state, status: 'error', error: event.message, editedWhileSaving: false }
    case 'reset':
      return initialSaveState(event.version)
  }
}

/** Whether a save should be sent now (the debounce timer fired). */
export function shouldSave(state: SaveState): boolean {
  return state.status === 'dirty'
}

/** Whether the draft has text the server does not have yet. */
export function hasUnsaved(state: SaveState): boolean {
  return state.status === 'dirty' || state.status === 'saving' || state.status === 'error' || state.status === 'conflict'
}

// --- the local copy -------------------------------------------------------------------------------

export const LOCAL_DRAFT_PREFIX = 'skillbase.draft.'

export function localDraftKey(applicationId: string): string {
  return `${LOCAL_DRAFT_PREFIX}${applicationId}`
}

export interface LocalDraft<F = unknown> {
  form: F
  /** the server draft_version this text was typed on */
  baseVersion: number
  /** when it was last typed (ms since epoch) */
  updatedAt: number
}

export function readLocalDraft<F = unknown>(applicationId: string, storage: Storage = localStorage): LocalDraft<F> | null {
  try {
    const raw = storage.getItem(localDraftKey(applicationId))
    if (!raw) return null
    const parsed = JSON.parse(raw) as LocalDraft<F>
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.baseVersion !== 'number' || typeof parsed.updatedAt !== 'number') {
      return null
    }
    return parsed
  } catch {
    return null
  }
}

export function writeLocalDraft<F>(applicationId: string, draft: LocalDraft<F>, storage: Storage = localStorage): void {
  try {
    storage.setItem(localDraftKey(applicationId), JSON.stringify(draft))
  } catch {
    // storage full or unavailable: the server copy is all there is
  }
}

export function clearLocalDraft(applicationId: string, storage: Storage = localStorage): void {
  try {
    storage.removeItem(localDraftKey(applicationId))
  } catch {
    // nothing to clear
  }
}

export type RestoreDecision = 'none' | 'offer' | 'discard'

/**
 * On load, what to do with a local copy:
 *  - none: there is none;
 *  - discard: it says the same as the server, or it is older than the server's version;
 *  - offer: it has text the server lacks and is newer (typed on the current version or later
 *    than the server's last change): ask the user whether to restore it.
 */
export function restoreDecision(
  local: LocalDraft | null,
  server: { form: unknown; version: number; updatedAt: string | number },
): RestoreDecision {
  if (!local) return 'none'
  if (sameForm(local.form, server.form)) return 'discard'
  const serverTime = typeof server.updatedAt === 'number' ? server.updatedAt : Date.parse(server.updatedAt)
  if (local.baseVersion >= server.version) return 'offer'
  if (!Number.isNaN(serverTime) && local.updatedAt > serverTime) return 'offer'
  return 'discard'
}

export interface ConflictRow {
  field: string
  /** what the user typed (kept visible and copyable) */
  mine: unknown
  /** what the server has now */
  theirs: unknown
}

/** The fields where the user's unsaved form differs from the server's current one. */
export function conflictRows(mine: unknown, theirs: unknown): ConflictRow[] {
  return formDifferences(theirs, mine).map((d) => ({ field: d.field, mine: d.after, theirs: d.before }))
}

/** The user's unsaved text as plain text (for the copy button): one "label: value" per line. */
export function conflictText(rows: ConflictRow[], label: (field: string) => string): string {
  return rows
    .filter((r) => r.mine !== undefined && r.mine !== null && r.mine !== '')
    .map((r) => `${label(r.field)}：${typeof r.mine === 'object' ? JSON.stringify(r.mine) : String(r.mine)}`)
    .join('\n')
}

/**
 * The body PUT /draft sends: the form as plain JSON. Every list of the form holds objects, so a
 * hole a list editor left (undefined, null) becomes {} rather than a null the server would refuse.
 */
export function draftBody<F>(form: F): F {
  const clean = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map((item) => (item === null || item === undefined ? {} : clean(item)))
    if (v !== null && typeof v === 'object') {
      const json = v as { toJSON?: () => unknown }
      if (typeof json.toJSON === 'function') return json.toJSON()
      const out: Record<string, unknown> = {}
      for (const [k, item] of Object.entries(v)) if (item !== undefined) out[k] = clean(item)
      return out
    }
    return v
  }
  return clean(form ?? {}) as F
}

// --- after a 412: the user's text, kept apart from the draft copy until they dismiss it -------------

export function conflictBackupKey(applicationId: string): string {
  return `${LOCAL_DRAFT_PREFIX}${applicationId}.conflict`
}

export function readConflictBackup<F = unknown>(applicationId: string, storage: Storage = localStorage): LocalDraft<F> | null {
  try {
    const raw = storage.getItem(conflictBackupKey(applicationId))
    if (!raw) return null
    const parsed = JSON.parse(raw) as LocalDraft<F>
    return typeof parsed === 'object' && parsed !== null && 'form' in parsed ? parsed : null
  } catch {
    return null
  }
}

export function writeConflictBackup<F>(applicationId: string, draft: LocalDraft<F>, storage: Storage = localStorage): void {
  try {
    storage.setItem(conflictBackupKey(applicationId), JSON.stringify(draft))
  } catch {
    // storage unavailable: the dialog still shows the text until it is closed
  }
}

export function clearConflictBackup(applicationId: string, storage: Storage = localStorage): void {
  try {
    storage.removeItem(conflictBackupKey(applicationId))
  } catch {
    // nothing to clear
  }
}
