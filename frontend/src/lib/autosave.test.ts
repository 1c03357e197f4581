import { describe, expect, it } from 'vitest'
import {
  clearConflictBackup,
  clearLocalDraft,
  conflictRows,
  conflictText,
  draftBody,
  hasUnsaved,
  initialSaveState,
  localDraftKey,
  readConflictBackup,
  readLocalDraft,
  restoreDecision,
  saveReducer,
  shouldSave,
  writeConflictBackup,
  writeLocalDraft,
  type SaveEvent,
  type SaveState,
} from './autosave'

const run = (events: SaveEvent[], from: SaveState = initialSaveState(3)) => events.reduce(saveReducer, from)

describe('the autosave state machine', () => {
  it('edit → dirty → saving → saved, with the new version for the next If-Match', () => {
    let s = initialSaveState(3)
    expect(shouldSave(s)).toBe(false)
    s = saveReducer(s, { type: 'edit' })
    expect(s.status).toBe('dirty')
    expect(shouldSave(s)).toBe(true)
    s = saveReducer(s, { type: 'start' })
    expect(s.status).toBe('saving')
    expect(shouldSave(s)).toBe(false) // one save at a time
    s = saveReducer(s, { type: 'ok', version: 4, at: 1000 })
    expect(s).toMatchObject({ status: 'saved', version: 4, savedAt: 1000 })
    expect(hasUnsaved(s)).toBe(false)
  })

  it('an edit during a save makes the draft dirty again once the save ends', () => {
    const s = run([{ type: 'edit' }, { type: 'start' }, { type: 'edit' }, { type: 'ok', version: 4, at: 1 }])
    expect(s.status).toBe('dirty')
    expect(s.version).toBe(4)
    expect(shouldSave(s)).toBe(true)
  })

  it('a 412 stops autosaving for good: edits and late answers change nothing', () => {
    let s = run([{ type: 'edit' }, { type: 'start' }, { type: 'stale', currentVersion: 7 }])
    expect(s).toMatchObject({ status: 'conflict', conflictVersion: 7, version: 3 })
    s = run([{ type: 'edit' }, { type: 'start' }, { type: 'ok', version: 9, at: 2 }], s)
    expect(s.status).toBe('conflict')
    expect(s.version).toBe(3)
    expect(shouldSave(s)).toBe(false)
    expect(hasUnsaved(s)).toBe(true)
  })

  it('only a reload (reset) starts again, from the server version', () => {
    const s = run([{ type: 'edit' }, { type: 'start' }, { type: 'stale', currentVersion: 7 }, { type: 'reset', version: 7 }])
    expect(s).toEqual(initialSaveState(7))
  })

  it('a 409 (no longer editable) locks; other failures wait for a retry', () => {
    expect(run([{ type: 'edit' }, { type: 'start' }, { type: 'locked', message: '不能修改' }])).toMatchObject({
      status: 'locked',
      error: '不能修改',
    })
    const failed = run([{ type: 'edit' }, { type: 'start' }, { type: 'fail', message: '网络错误' }])
    expect(failed.status).toBe('error')
    expect(saveReducer(failed, { type: 'start' }).status).toBe('saving') // retry
    expect(saveReducer(failed, { type: 'edit' }).status).toBe('dirty')
  })
})

describe('the local copy', () => {
  it('is kept per application and read back', () => {
    writeLocalDraft('a1', { form: { cover: { form_filler: '张三' } }, baseVersion: 2, updatedAt: 10 })
    expect(localStorage.getItem(localDraftKey('a1'))).toContain('张三')
    expect(readLocalDraft('a1')).toEqual({ form: { cover: { form_filler: '张三' } }, baseVersion: 2, updatedAt: 10 })
    expect(readLocalDraft('a2')).toBeNull()
    clearLocalDraft('a1')
    expect(readLocalDraft('a1')).toBeNull()
  })

  it('ignores what it cannot read', () => {
    localStorage.setItem(localDraftKey('bad'), '{not json')
    expect(readLocalDraft('bad')).toBeNull()
    localStorage.setItem(localDraftKey('bad'), JSON.stringify({ form: {} }))
    expect(readLocalDraft('bad')).toBeNull()
  })

  it('keeps the text of a conflict apart from the draft copy', () => {
    writeConflictBackup('a1', { form: { x: 1 }, baseVersion: 3, updatedAt: 5 })
    expect(readConflictBackup('a1')?.form).toEqual({ x: 1 })
    expect(readLocalDraft('a1')).toBeNull()
    clearConflictBackup('a1')
    expect(readConflictBackup('a1')).toBeNull()
  })
})

describe('restoreDecision on load', () => {
  const server = { form: { cover: { form_filler: '张三' } }, version: 5, updatedAt: '2026-03-01T10:00:00Z' }
  const at = Date.parse('2026-03-01T10:00:00Z')

  it('nothing to restore without a local copy', () => {
    expect(restoreDecision(null, server)).toBe('none')
  })

  it('a copy saying the same as the server is discarded', () => {
    expect(restoreDecision({ form: { cover: { form_filler: '张三', fill_date: null } }, baseVersion: 4, updatedAt: at + 1 }, server)).toBe(
      'discard',
    )
  })

  it('unsaved text typed on the current version is offered', () => {
    expect(restoreDecision({ form: { cover: { form_filler: '李四' } }, baseVersion: 5, updatedAt: at - 60_000 }, server)).toBe('offer')
  })

  it('text typed after the server last changed is offered even on an older version', () => {
    expect(restoreDecision({ form: { cover: { form_filler: '李四' } }, baseVersion: 4, updatedAt: at + 5_000 }, server)).toBe('offer')
  })

  it('an older copy of an older version is discarded', () => {
    expect(restoreDecision({ form: { cover: { form_filler: '李四' } }, baseVersion: 4, updatedAt: at - 5_000 }, server)).toBe('discard')
  })
})

describe('after a 412', () => {
  it('lists the fields where the user text differs, with both texts', () => {
    const mine = { table_1_2: { project_background: '我的新背景', work_foundation: '同样' }, specialties: [{ name: '电工' }] }
    const theirs = { table_1_2: { project_background: '别人的背景', work_foundation: '同样' }, specialties: [] }
    const rows = conflictRows(mine, theirs)
    expect(rows).toEqual([
      { field: 'specialties.0.name', mine: '电工', theirs: undefined },
      { field: 'table_1_2.project_background', mine: '我的新背景', theirs: '别人的背景' },
    ])
    expect(conflictText(rows, (f) => f.toUpperCase())).toBe('SPECIALTIES.0.NAME：电工\nTABLE_1_2.PROJECT_BACKGROUND：我的新背景')
  })
})

describe('draftBody', () => {
  it('turns list holes into objects and drops undefined', () => {
    const body = draftBody({ specialties: [undefined, { name: 'a', leader: undefined }], cover: { form_filler: undefined } })
    expect(body).toEqual({ specialties: [{}, { name: 'a' }], cover: {} })
    expect(JSON.parse(JSON.stringify(body))).toEqual(body)
  })
})
