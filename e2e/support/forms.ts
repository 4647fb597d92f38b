import type { Locator, Page } from 'playwright-core';

/** An organisation as a form needs it: the id the API takes, the name a user searches by. */
export interface OrgRef {
  id: number;
  name: string;
}

/** The dropdown that is open now (antd keeps closed ones in the page, hidden). */
function openOptions(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
}

/** Picks an option of an antd Select by the text a user reads, the select found by its input's id. */
export async function pickOption(page: Page, id: string, label: string | RegExp): Promise<void> {
  await page.locator(`[id="${id}"]`).click();
  await openOptions(page).filter({ hasText: label }).first().click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
}

/**
 * Fills an organisation field whichever control it has: a number input takes the id; a searchable
 * select (the organisation picker) gets part of the name typed as a user would and the matching
 * option clicked. `testId` is the field's data-testid (`field-supplierOrganizationId`).
 */
export async function fillOrganization(page: Page, testId: string, org: OrgRef): Promise<void> {
  const field = page.getByTestId(testId);
  await field.waitFor();
  const kind = await field.evaluate((el) => {
    if (el instanceof HTMLInputElement) return el.getAttribute('role') === 'combobox' ? 'select-input' : 'input';
    return el.matches('.ant-select') || el.querySelector('.ant-select, input[role="combobox"]') ? 'select' : el.tagName;
  });
  if (kind === 'input') {
    await field.fill(String(org.id));
    return;
  }
  if (kind !== 'select' && kind !== 'select-input') throw new Error(`${testId}: neither an input nor a select (${kind})`);
  const input = kind === 'select-input' ? field : field.locator('input[role="combobox"]').first();
  // The chosen organisation's name lies over the search input: click the select itself, as a user does.
  await (kind === 'select' ? field : input).click();
  // A part of the name long enough to be unique among the directory's first answers; typed key by key (the picker debounces).
  await input.pressSequentially(org.name.slice(0, 12), { delay: 15 });
  await openOptions(page).filter({ hasText: org.name }).first().click({ timeout: 15_000 });
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
  await (kind === 'select' ? field : page.locator('.ant-select', { has: field })).filter({ hasText: org.name }).waitFor({ timeout: 5_000 }); // chosen, not just searched
}

/** A form's problem for a field, shown next to it (ComposedForm's `error-<path>`). */
export function fieldError(page: Page, path: string): Locator {
  return page.getByTestId(`error-${path}`);
}

/** The paths of every problem the form shows next to a field or table now. */
export async function shownErrors(page: Page): Promise<string[]> {
  return page.locator('[data-testid^="error-"]').evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') ?? '').slice('error-'.length)));
}
