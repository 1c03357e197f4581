import type { Locator, Page } from '@playwright/test'

/**
 * antd Select: open the combobox found by its accessible name, then pick the option by its exact
 * title inside the popup that this combobox controls (aria-controls names its listbox).
 */
export async function chooseOption(page: Page, combo: Locator, option: string): Promise<void> {
  await combo.click()
  const listId = await combo.getAttribute('aria-controls')
  const popup = listId
    ? page.locator('.ant-select-dropdown', { has: page.locator(`[id="${listId}"]`) })
    : page.locator('.ant-select-dropdown:visible')
  await popup.getByTitle(option, { exact: true }).click()
}

/** antd DatePicker: type the date into its input and confirm with Enter. */
export async function typeDate(input: Locator, date: string): Promise<void> {
  await input.click()
  await input.fill(date)
  await input.press('Enter')
}
