import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Form, Input, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useT } from '../../../i18n'
import { anchorId } from '../../../lib/applicationForm'

export type Name = (string | number)[]

/** A long text of the form (max 5000 characters, as the server allows). */
export function LongText({
  name,
  label,
  hint,
  rows = 4,
}: {
  name: Name
  label: string
  hint?: string
  rows?: number
}) {
  return (
    <Form.Item name={name} label={label} extra={hint}>
      <Input.TextArea autoSize={{ minRows: rows, maxRows: 18 }} maxLength={5000} showCount placeholder={hint} />
    </Form.Item>
  )
}

/** A short text (max 200 characters). */
export function ShortText({ name, label, placeholder }: { name: Name; label: string; placeholder?: string }) {
  return (
    <Form.Item name={name} label={label}>
      <Input maxLength={200} placeholder={placeholder} />
    </Form.Item>
  )
}

/**
 * A list of rows (Form.List): each row a titled group ("第 n 项") with its fields and a remove
 * button, an add button below. `field` is the dotted path the eligibility checks use (anchor).
 */
export function ListEditor({
  name,
  field,
  title,
  hint,
  rowTitle,
  addLabel,
  newRow,
  min = 0,
  children,
  extra,
}: {
  name: Name
  field: string
  title?: string
  hint?: ReactNode
  rowTitle: (n: number) => string
  addLabel: string
  newRow: () => object
  min?: number
  children: (rowName: number) => ReactNode
  extra?: ReactNode
}) {
  const t = useT()
  return (
    <div id={anchorId(field)} style={{ marginBottom: 16 }}>
      {title && (
        <Flex justify="space-between" align="baseline" wrap style={{ marginBottom: 8 }}>
          <Typography.Text strong>{title}</Typography.Text>
          {extra}
        </Flex>
      )}
      {hint && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {hint}
        </Typography.Paragraph>
      )}
      <Form.List name={name}>
        {(rows, { add, remove }) => (
          <Flex vertical gap={8}>
            {rows.map((row, i) => (
              <Card
                key={row.key}
                size="small"
                role="group"
                aria-label={rowTitle(i + 1)}
                title={<Typography.Text type="secondary">{rowTitle(i + 1)}</Typography.Text>}
                extra={
                  rows.length > min && (
                    <Button
                      type="text"
                      danger
                      size="small"
                      icon={<DeleteOutlined aria-hidden />}
                      onClick={() => remove(row.name)}
                      aria-label={`${t('common.delete')} ${rowTitle(i + 1)}`}
                    >
                      {t('common.delete')}
                    </Button>
                  )
                }
              >
                {children(row.name)}
              </Card>
            ))}
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add(newRow())} block>
              {addLabel}
            </Button>
          </Flex>
        )}
      </Form.List>
    </div>
  )
}
