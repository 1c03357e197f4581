import { Tag } from 'antd'
import type { Declaration, ReviewStatus } from '../../../api/reviews'
import { useT } from '../../../i18n'

const DECLARATION_COLORS: Record<Declaration, string> = { pending: 'gold', no_conflict: 'green', conflict: 'red' }

/** 利益冲突声明: 待声明 / 无利益冲突 / 存在利益冲突. */
export function DeclarationTag({ value }: { value: Declaration }) {
  const t = useT()
  return (
    <Tag color={DECLARATION_COLORS[value]} data-testid="declaration">
      {t(`rv.declaration.${value}`)}
    </Tag>
  )
}

/** A review's state: 未开始 (no review yet) / 草稿 / 已提交. */
export function ReviewStatusTag({ value }: { value: ReviewStatus | null | undefined }) {
  const t = useT()
  if (!value) return <Tag data-testid="review-status">{t('rv.reviewStatus.none')}</Tag>
  return (
    <Tag color={value === 'submitted' ? 'green' : 'blue'} data-testid="review-status">
      {t(`rv.reviewStatus.${value}`)}
    </Tag>
  )
}

export function RecommendTag({ value }: { value: boolean | null | undefined }) {
  const t = useT()
  if (value === null || value === undefined) return <Tag>{t('rv.recommend.none')}</Tag>
  return <Tag color={value ? 'green' : 'red'}>{t(value ? 'rv.recommend.yes' : 'rv.recommend.no')}</Tag>
}
