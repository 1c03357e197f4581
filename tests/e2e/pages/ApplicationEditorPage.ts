import { expect, type Locator, type Page } from '@playwright/test'
import { timeouts } from '../../../frontend/playwright.timeouts'

/** /app/applications/:id while editable: the step-by-step Annex 1 editor. */
export class ApplicationEditorPage {
  readonly sections: Locator
  readonly panel: Locator
  readonly saveStatus: Locator

  constructor(private readonly page: Page) {
    this.sections = page.getByRole('navigation', { name: '申报表各部分' })
    this.panel = page.getByTestId('eligibility-panel')
    this.saveStatus = page.getByTestId('save-status')
  }

  /** Opens a section from the side list and waits for its title (a complete one reads "…（已完成）"). */
  async open(section: string): Promise<void> {
    const escaped = section.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    await this.sections.getByText(new RegExp(`^${escaped}(（已完成）)?$`)).click()
    await expect(this.page.getByTestId('section-title')).toHaveText(section)
  }

  /** The form card of the current section. */
  body(): Locator {
    return this.page.getByTestId('section-card')
  }

  async fill(label: string, value: string, scope: Locator = this.body()): Promise<void> {
    await scope.getByLabel(label, { exact: true }).fill(value)
  }

  /** A list block by the dotted field name the eligibility checks use (e.g. "specialties.0.goals"). */
  list(field: string): Locator {
    return this.page.locator(`[id="field-${field.replace(/\./g, '-')}"]`)
  }

  /** The row group "第 n 项" of a list block. */
  row(list: Locator, title: string): Locator {
    return list.getByRole('group', { name: title, exact: true })
  }

  async waitSaved(): Promise<void> {
    await expect(this.saveStatus).toContainText('已保存', { timeout: timeouts.autosave })
  }

  sectionState(key: string): Locator {
    return this.page.getByTestId(`section-${key}`)
  }
}
