import { CheckCircleFilled, CloudSyncOutlined, ExclamationCircleOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, Flex, Form, Modal, Row, Space, Steps, Typography, type FormInstance } from 'antd'
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react'
import { Link } from 'react-router-dom'
import { fetchApplication, useEligibility, useSubmitApplication } from '../../../api/applications'
import { usePublicCall } from '../../../api/calls'
import { qk } from '../../../api/keys'
import type { Application, ApplicationForm, BaseTypePolicy, Check } from '../../../client/types'
import { ApplicationStatusTag } from '../../../components/ApplicationStatusTag'
import { WithdrawButton } from '../../../components/application/WithdrawButton'
import { PageHeader } from '../../../components/PageHeader'
import { useApiError } from '../../../hooks/useApiError'
import { useSession } from '../../../hooks/useAccess'
import { useT } from '../../../i18n'
import {
  anchorId,
  namePath,
  SECTION_KEYS,
  sectionStates,
  specialtyIndexOf,
  withDefaults,
  type SectionKey,
} from '../../../lib/applicationForm'
import {
  clearConflictBackup,
  clearLocalDraft,
  conflictRows,
  readConflictBackup,
  readLocalDraft,
  restoreDecision,
  writeConflictBackup,
  type ConflictRow,
  type LocalDraft,
  type SaveState,
} from '../../../lib/autosave'
import { ApiError } from '../../../lib/errors'
import { deadlineText, formatTime, pdfFileName } from '../../../lib/format'
import { AttachmentsSection } from './AttachmentsSection'
import { ConflictModal } from './ConflictModal'
import { EligibilityPanel } from './EligibilityPanel'
import { PreviewSubmitSection } from './PreviewSubmitSection'
import {
  CoverSection,
  DeclarationsSection,
  EligibilitySection,
  SpecialtiesSection,
  Table11Section,
  Table12Section,
  Table21Section,
  Table22Section,
  Table4Section,
} from './sections'
import { useDraftAutosave } from './useDraftAutosave'

const FORM_SECTIONS: ReadonlySet<SectionKey> = new Set([
  'cover',
  'table_1_1',
  'table_1_2',
  'table_2_1',
  'table_2_2',
  'specialties',
  'table_4',
  'eligibility',
  'declarations',
])

export function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const t = useT()
  let content: React.ReactNode
  switch (state.status) {
    case 'idle':
      content = <Typography.Text type="secondary">{t('save.idle')}</Typography.Text>
      break
    case 'dirty':
      content = <Typography.Text type="warning">{t('save.dirty')}</Typography.Text>
      break
    case 'saving':
      content = (
        <Typography.Text type="secondary">
          <CloudSyncOutlined aria-hidden /> {t('save.saving')}
        </Typography.Text>
      )
      break
    case 'saved':
      content = (
        <Typography.Text type="success">
          <CheckCircleFilled aria-hidden /> {t('save.saved', { time: formatTime(state.savedAt) })}
        </Typography.Text>
      )
      break
    case 'error':
      content = (
        <Space size={4}>
          <Typography.Text type="danger">{t('save.failed', { message: state.error ?? '' })}</Typography.Text>
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </Space>
      )
      break
    case 'conflict':
      content = (
        <Typography.Text type="danger">
          <ExclamationCircleOutlined aria-hidden /> {t('save.conflict')}
        </Typography.Text>
      )
      break
    case 'locked':
      content = <Typography.Text type="danger">{state.error}</Typography.Text>
      break
  }
  return (
    <div role="status" aria-live="polite" data-testid="save-status">
      {content}
    </div>
  )
}

/** The antd form of the editor: a fresh instance per mount (reload and restore remount it). */
function EditorForm({
  initialValues,
  formRef,
  onEdit,
  children,
}: {
  initialValues: ApplicationForm
  formRef: MutableRefObject<FormInstance<ApplicationForm> | null>
  onEdit: (all: ApplicationForm) => void
  children: React.ReactNode
}) {
  const [form] = Form.useForm<ApplicationForm>()
  useEffect(() => {
    formRef.current = form
  }, [form, formRef])
  return (
    <Form<ApplicationForm>
      form={form}
      name="application"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={() => onEdit(form.getFieldsValue(true) as ApplicationForm)}
      scrollToFirstError
    >
      {children}
    </Form>
  )
}

type ConflictView = { mode: 'conflict' | 'reloaded'; rows: ConflictRow[]; serverVersion: number | null; mine: ApplicationForm }

/**
 * The step-by-step editor of a draft (Annex 1): one section per part of the form, autosave with
 * If-Match and a local copy, the live 申报条件检查 panel, PDF preview and submission.
 */
export function ApplicationEditor({ app, onReload }: { app: Application; onReload: () => Promise<void> }) {
  const t = useT()
  const { me } = useSession()
  const { message } = App.useApp()
  const showError = useApiError()
  const qc = useQueryClient()
  const call = usePublicCall(app.call_id)
  const policy: BaseTypePolicy | undefined = call.data?.policies[app.base_type]
  const eligibility = useEligibility(app.id)
  const submit = useSubmitApplication()
  const formRef = useRef<FormInstance<ApplicationForm> | null>(null)

  const [section, setSection] = useState<SectionKey>('cover')
  const [specialtyTab, setSpecialtyTab] = useState(0)
  const [refused, setRefused] = useState<Check[] | null>(null)
  const [formKey, setFormKey] = useState(0)
  const [initial, setInitial] = useState<ApplicationForm>(() => withDefaults(app.draft_form))

  // A local copy newer than the server's draft: ask whether to restore it.
  const [restoreOffer, setRestoreOffer] = useState<LocalDraft<ApplicationForm> | null>(() => {
    const local = readLocalDraft<ApplicationForm>(app.id)
    const decision = restoreDecision(local, { form: app.draft_form, version: app.draft_version, updatedAt: app.updated_at })
    return decision === 'offer' ? local : null
  })
  // Text kept after a 412 and a reload: shown again until the user dismisses it.
  const [conflict, setConflict] = useState<ConflictView | null>(() => {
    const backup = readConflictBackup<ApplicationForm>(app.id)
    return backup
      ? { mode: 'reloaded', rows: conflictRows(backup.form, app.draft_form), serverVersion: app.draft_version, mine: backup.form }
      : null
  })
  const [reloading, setReloading] = useState(false)

  useEffect(() => {
    const local = readLocalDraft(app.id)
    if (restoreDecision(local, { form: app.draft_form, version: app.draft_version, updatedAt: app.updated_at }) === 'discard') {
      clearLocalDraft(app.id)
    }
    // only on mount: later changes of `app` come from our own saves
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const getForm = useCallback(() => (formRef.current?.getFieldsValue(true) ?? initial) as ApplicationForm, [initial])

  // A 412 (from a save or from 提交): show what the user typed next to the server's version.
  const openConflict = useCallback(
    async (currentVersion: number | null) => {
      const mine = getForm()
      try {
        const server = await fetchApplication(app.id)
        setConflict({ mode: 'conflict', rows: conflictRows(mine, server.draft_form), serverVersion: server.draft_version, mine })
      } catch {
        setConflict({ mode: 'conflict', rows: conflictRows(mine, {}), serverVersion: currentVersion, mine })
      }
    },
    [app.id, getForm],
  )

  const autosave = useDraftAutosave({
    applicationId: app.id,
    initialVersion: app.draft_version,
    getForm,
    onSaved: (saved) => {
      qc.setQueryData(qk.application(app.id), saved)
      void qc.invalidateQueries({ queryKey: qk.eligibility(app.id) })
    },
    onConflict: (current) => void openConflict(current),
  })
  const status = autosave.state.status

  const reload = async () => {
    if (!conflict) return
    setReloading(true)
    writeConflictBackup(app.id, { form: conflict.mine, baseVersion: autosave.version(), updatedAt: Date.now() })
    clearLocalDraft(app.id)
    try {
      await onReload() // the page fetches the server's version and mounts a new editor, which shows the text again
    } catch (err) {
      showError(err)
      setReloading(false)
    }
  }

  const closeConflict = () => setConflict(null)
  const discardConflict = () => {
    clearConflictBackup(app.id)
    setConflict(null)
  }

  const restore = () => {
    if (!restoreOffer) return
    setInitial(withDefaults(restoreOffer.form))
    setFormKey((k) => k + 1)
    autosave.edit(restoreOffer.form)
    setRestoreOffer(null)
    message.success(t('restore.done'))
  }
  const dropLocal = () => {
    clearLocalDraft(app.id)
    setRestoreOffer(null)
  }

  const jump = useCallback((target: SectionKey, field: string | null) => {
    setSection(target)
    const sp = specialtyIndexOf(field)
    if (sp !== null) setSpecialtyTab(sp)
    if (!field) return
    setTimeout(() => {
      const el = document.getElementById(anchorId(field))
      if (el) {
        el.scrollIntoView({ behavior: 'smooth', block: 'center' })
        el.querySelector<HTMLElement>('input:not([readonly]), textarea, button')?.focus({ preventScroll: true })
      } else {
        formRef.current?.scrollToField(namePath(field), { behavior: 'smooth', block: 'center', focus: true })
      }
    }, 120)
  }, [])

  const onSubmit = async () => {
    setRefused(null)
    const saved = await autosave.flush()
    if (!saved) {
      if (autosave.state.status !== 'conflict') message.error(t('submit.saveFirst'))
      return
    }
    try {
      await submit.mutateAsync({ id: app.id, version: autosave.version() })
      clearLocalDraft(app.id)
      message.success(t('submit.done'))
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SUBMISSION_REFUSED' && Array.isArray(err.details)) {
        setRefused(err.details as Check[])
        void eligibility.refetch()
      } else if (err instanceof ApiError && err.status === 412) {
        const details = err.details as { current_version?: unknown } | undefined
        void openConflict(typeof details?.current_version === 'number' ? details.current_version : null)
      } else {
        showError(err)
      }
    }
  }

  const states = sectionStates(eligibility.data?.checks)
  const index = SECTION_KEYS.indexOf(section)
  const typeLabel = t(`enum.baseType.${app.base_type}`)
  const required = policy?.required_attachments ?? []

  const sectionBody = (key: SectionKey) => {
    switch (key) {
      case 'cover':
        return <CoverSection orgName={app.organization_name} baseType={app.base_type} />
      case 'table_1_1':
        return <Table11Section org={me.organization} />
      case 'table_1_2':
        return <Table12Section />
      case 'table_2_1':
        return <Table21Section />
      case 'table_2_2':
        return <Table22Section />
      case 'specialties':
        return <SpecialtiesSection active={specialtyTab} onActiveChange={setSpecialtyTab} />
      case 'table_4':
        return <Table4Section />
      case 'eligibility':
        return <EligibilitySection baseType={app.base_type} policy={policy} />
      case 'declarations':
        return <DeclarationsSection />
      case 'attachments':
        return (
          <AttachmentsSection
            applicationId={app.id}
            attachments={app.attachments}
            required={required}
            editable={status !== 'locked'}
            onChanged={() => void qc.invalidateQueries({ queryKey: qk.eligibility(app.id) })}
          />
        )
      case 'preview':
        return (
          <PreviewSubmitSection
            applicationId={app.id}
            fileName={pdfFileName(app, typeLabel)}
            eligibility={eligibility.data}
            refused={refused}
            submitting={submit.isPending}
            prepare={async () => {
              await autosave.flush()
            }}
            onSubmit={() => void onSubmit()}
            onJump={jump}
          />
        )
    }
  }

  return (
    <>
      <PageHeader
        title={t('editor.title', { type: typeLabel })}
        extra={
          <Space wrap>
            <SaveIndicator state={autosave.state} onRetry={() => void autosave.flush()} />
            {conflict === null && readConflictBackup(app.id) && (
              <Button
                onClick={() => {
                  const backup = readConflictBackup<ApplicationForm>(app.id)
                  if (backup)
                    setConflict({ mode: 'reloaded', rows: conflictRows(backup.form, getForm()), serverVersion: autosave.version(), mine: backup.form })
                }}
              >
                {t('conflict.showMine')}
              </Button>
            )}
            <WithdrawButton app={app} />
            <Link to="/applicant">
              <Button>{t('editor.backHome')}</Button>
            </Link>
          </Space>
        }
      />
      <Flex gap={16} wrap align="center" style={{ marginBottom: 12 }}>
        <ApplicationStatusTag status={app.status} />
        <Typography.Text type="secondary">
          {app.call_name} · {t('applications.deadline')}：{deadlineText(app.call_deadline)}
        </Typography.Text>
      </Flex>
      {app.status === 'returned' && app.status_reason && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('applications.returnedTitle')} description={app.status_reason} />
      )}
      {status === 'locked' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={autosave.state.error}
          action={<Button onClick={() => void onReload()}>{t('common.refresh')}</Button>}
        />
      )}
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} lg={5} xxl={4}>
          <Card size="small" title={t('editor.sections')} style={{ position: 'sticky', top: 16 }}>
            <nav aria-label={t('editor.sections')}>
              <Steps
                className="editor-sections"
                orientation="vertical"
                size="small"
                current={index}
                onChange={(i) => setSection(SECTION_KEYS[i])}
                items={SECTION_KEYS.map((key, i) => ({
                  key,
                  title: (
                    <span data-testid={`section-${key}`} data-state={states[key]}>
                      {t(`section.${key}`)}
                      {states[key] === 'complete' && <span className="sr-only">{t('editor.complete')}</span>}
                    </span>
                  ),
                  status: i === index ? 'process' : states[key] === 'complete' ? 'finish' : 'wait',
                }))}
              />
            </nav>
          </Card>
        </Col>
        <Col xs={24} lg={12} xxl={14}>
          <Card
            size="small"
            data-testid="section-card"
            title={<span data-testid="section-title">{t(`section.${section}`)}</span>}
            extra={states[section] === 'complete' ? <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('editor.complete')} /> : null}
          >
            <EditorForm key={formKey} initialValues={initial} formRef={formRef} onEdit={autosave.edit}>
              {FORM_SECTIONS.has(section) ? sectionBody(section) : null}
            </EditorForm>
            {!FORM_SECTIONS.has(section) && sectionBody(section)}
            <Flex justify="space-between" style={{ marginTop: 16 }}>
              <Button icon={<LeftOutlined aria-hidden />} disabled={index === 0} onClick={() => setSection(SECTION_KEYS[index - 1])}>
                {t('editor.previous')}
              </Button>
              <Button
                type="primary"
                disabled={index === SECTION_KEYS.length - 1}
                onClick={() => setSection(SECTION_KEYS[index + 1])}
              >
                {t('editor.next')} <RightOutlined aria-hidden />
              </Button>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={7} xxl={6}>
          <div style={{ position: 'sticky', top: 16 }}>
            <EligibilityPanel
              data={eligibility.data}
              error={eligibility.isError ? eligibility.error : null}
              loading={eligibility.isPending}
              refreshing={eligibility.isFetching && !eligibility.isPending}
              onRetry={() => void eligibility.refetch()}
              onJump={jump}
            />
          </div>
        </Col>
      </Row>
      <Modal
        open={!!restoreOffer}
        title={t('restore.title')}
        okText={t('restore.restore')}
        cancelText={t('restore.discard')}
        onOk={restore}
        onCancel={dropLocal}
        mask={{ closable: false }}
        closable={false}
      >
        <Typography.Paragraph>{t('restore.body', { time: restoreOffer ? formatTime(restoreOffer.updatedAt) : '' })}</Typography.Paragraph>
      </Modal>
      <ConflictModal
        open={!!conflict}
        mode={conflict?.mode ?? 'conflict'}
        rows={conflict?.rows ?? []}
        serverVersion={conflict?.serverVersion ?? null}
        reloading={reloading}
        onReload={() => void reload()}
        onClose={closeConflict}
        onDiscard={discardConflict}
      />
    </>
  )
}
