import { CopyOutlined } from '@ant-design/icons'
import { Alert, App, Button, Modal, Table, Typography, type TableColumnsType } from 'antd'
import { useT } from '../../../i18n'
import { conflictText, type ConflictRow } from '../../../lib/autosave'
import { fieldLabel, valueText } from '../../../lib/fieldLabels'

/**
 * "他人已修改此申报": after a 412 the user's unsaved text stays visible (and copyable) here;
 * 重新加载 loads the server's version. After the reload the dialog comes back ('reloaded') with the
 * same text, kept in localStorage until the user discards it.
 */
export function ConflictModal({
  open,
  mode,
  rows,
  serverVersion,
  reloading,
  onReload,
  onClose,
  onDiscard,
}: {
  open: boolean
  mode: 'conflict' | 'reloaded'
  rows: ConflictRow[]
  serverVersion: number | null
  reloading?: boolean
  onReload: () => void
  onClose: () => void
  onDiscard: () => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const label = (f: string) => fieldLabel(f, t)

  const copyAll = async () => {
    try {
      await navigator.clipboard.writeText(conflictText(rows, label))
      message.success(t('conflict.copied'))
    } catch {
      message.error(t('conflict.copyFailed'))
    }
  }

  const columns: TableColumnsType<ConflictRow> = [
    { title: t('versions.field'), dataIndex: 'field', width: '26%', render: (f: string) => label(f) },
    {
      title: t('conflict.mine'),
      dataIndex: 'mine',
      render: (v: unknown) =>
        v === undefined || v === null || v === '' ? (
          <Typography.Text type="secondary">{t('conflict.emptyMine')}</Typography.Text>
        ) : (
          <Typography.Paragraph copyable={{ text: valueText(v, t) }} style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {valueText(v, t)}
          </Typography.Paragraph>
        ),
    },
    {
      title: t('conflict.theirs'),
      dataIndex: 'theirs',
      render: (v: unknown) => <span style={{ whiteSpace: 'pre-wrap' }}>{valueText(v, t)}</span>,
    },
  ]

  return (
    <Modal
      open={open}
      title={t('conflict.title')}
      width={960}
      closable={mode === 'reloaded'}
      mask={{ closable: false }}
      keyboard={mode === 'reloaded'}
      onCancel={onClose}
      footer={[
        <Button key="copy" icon={<CopyOutlined aria-hidden />} onClick={() => void copyAll()} disabled={rows.length === 0}>
          {t('conflict.copyAll')}
        </Button>,
        ...(mode === 'conflict'
          ? [
              <Button key="reload" type="primary" loading={reloading} onClick={onReload}>
                {t('conflict.reload')}
              </Button>,
            ]
          : [
              <Button key="discard" danger onClick={onDiscard}>
                {t('conflict.discard')}
              </Button>,
              <Button key="close" type="primary" onClick={onClose}>
                {t('common.close')}
              </Button>,
            ]),
      ]}
    >
      <Alert
        type={mode === 'conflict' ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={mode === 'conflict' ? t('conflict.explain', { n: serverVersion ?? '?' }) : t('conflict.reloaded')}
      />
      {rows.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('conflict.noRows')}</Typography.Paragraph>
      ) : (
        <Table<ConflictRow>
          size="small"
          rowKey="field"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ y: 420 }}
          data-testid="conflict-rows"
        />
      )}
    </Modal>
  )
}
