import type { Risk } from '../api/indicators'
import type { TKey } from '../i18n'

/** The label of each risk flag of the indicators (indicators/rules.py Risk). */
export const RISK_KEYS: Record<Risk, TKey> = {
  certificates_short: 'ind.risk.certificates_short',
  satisfaction_low: 'ind.risk.satisfaction_low',
  certification_low: 'ind.risk.certification_low',
  capacity_short: 'ind.risk.capacity_short',
  competition_missing: 'ind.risk.competition_missing',
}
