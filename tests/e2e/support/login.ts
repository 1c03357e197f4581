import type { Page } from '@playwright/test'
import { LoginPage } from '../pages/LoginPage'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts'

/** One login helper per role: through the real login form, like a person would. */
export const loginAsAdmin = (page: Page) => new LoginPage(page).loginAndWait(DEMO_ACCOUNTS.admin, DEMO_PASSWORD)
export const loginAsExpert = (page: Page) => new LoginPage(page).loginAndWait(DEMO_ACCOUNTS.expert, DEMO_PASSWORD)
export const loginAsApplicant = (page: Page) => new LoginPage(page).loginAndWait(DEMO_ACCOUNTS.applicant, DEMO_PASSWORD)
export const loginAs = (page: Page, email: string, password: string) => new LoginPage(page).loginAndWait(email, password)
