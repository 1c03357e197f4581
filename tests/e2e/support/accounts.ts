/** Demo accounts created by the seed (`make run`). */
export const DEMO_PASSWORD = process.env.E2E_DEMO_PASSWORD || 'Demo-2026-skillbase'

export type DemoRole = 'admin' | 'expert' | 'applicant'

export const DEMO_ACCOUNTS: Record<DemoRole, string> = {
  admin: 'admin@demo.skillbase.cn',
  expert: 'expert1@demo.skillbase.cn',
  applicant: 'applicant1@demo.skillbase.cn',
}

/** Menu labels (Chinese UI) each role must see, and those it must not. */
export const MENUS: Record<DemoRole, string[]> = {
  admin: ['单位审核', '申报批次', '申报管理', '专家库', '管理员', '审计日志', '消息通知', '个人资料'],
  expert: ['首页', '消息通知', '个人资料'],
  applicant: ['首页', '本单位信息', '消息通知', '个人资料'],
}

export const ALL_MENUS = [
  '首页',
  '本单位信息',
  '单位用户',
  '单位审核',
  '申报批次',
  '申报管理',
  '专家库',
  '管理员',
  '审计日志',
  '消息通知',
  '个人资料',
]
