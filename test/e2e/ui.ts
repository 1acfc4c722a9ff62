/**
 * What the e2e tests do again and again in the admin UI: sign in and out, read a list's column, wait for a
 * page. Locators go by role and accessible name (in both languages where a test may meet either).
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { E2E_PASSWORD, UI_TIMEOUT, type E2E } from './harness.ts';

export const USERNAME = /^(Username|Benutzername)/;
export const PASSWORD = /^(Password|Passwort)/;
export const SIGN_IN = /^(Sign in|Anmelden)$/;

/** Polls until `read()` satisfies `check` (vitest's expect.poll with the UI timeout). */
export function poll<T>(read: () => Promise<T> | T, message?: string) {
  return expect.poll(read, { timeout: UI_TIMEOUT, interval: 100, ...(message ? { message } : {}) });
}

/**
 * Forgets the browser's Kontor session and what react-admin remembers of earlier tests (list sort and
 * filters...), but not the chosen language; on the JSON page of /api/_app, where no app code runs.
 */
export async function forgetSession(page: Page, e2e: E2E): Promise<void> {
  await page.goto(`${e2e.baseUrl}/api/_app`);
  await page.evaluate(`for (const key of Object.keys(localStorage)) {
    if (key === 'kontor.session' || (key.startsWith('RaStore.') && key !== 'RaStore.locale')) localStorage.removeItem(key);
  }`);
}

/** The login page is shown (in either language). */
export async function expectLoginPage(page: Page): Promise<void> {
  await page.getByRole('button', { name: SIGN_IN }).waitFor();
  await page.getByRole('textbox', { name: USERNAME }).waitFor();
}

/** Fills the login form and submits it (the login page must be shown). */
export async function submitLogin(page: Page, username: string, password = E2E_PASSWORD): Promise<void> {
  await page.getByRole('textbox', { name: USERNAME }).fill(username);
  await page.getByRole('textbox', { name: PASSWORD }).fill(password);
  await page.getByRole('button', { name: SIGN_IN }).click();
}

/** The app bar's user menu button, which shows the signed-in user's name. */
export function userMenu(page: Page): Locator {
  return page.getByRole('banner').getByRole('button', { name: /^(Profile|Profil)$/ });
}

/**
 * Signs in through the login page as a fresh session. With a `route`, the app is opened there first and
 * comes back to it after the login (as after following a link while signed out); without, the dashboard.
 */
export async function signIn(page: Page, e2e: E2E, username: string, route = '/login'): Promise<void> {
  await forgetSession(page, e2e);
  await page.goto(`${e2e.baseUrl}/#${route}`);
  await expectLoginPage(page);
  await submitLogin(page, username);
  await expect.poll(() => userMenu(page).textContent(), { timeout: UI_TIMEOUT }).toContain(e2e.users[username]!.displayName);
  if (route !== '/login') await poll(() => new URL(page.url()).hash).toBe(`#${route}`);
}

/** Opens a hash route (`/partners/3/show`) of the signed-in app. */
export async function open(page: Page, e2e: E2E, route: string): Promise<void> {
  await page.goto(`${e2e.baseUrl}/#${route}`);
}

/** Resolves when the page has fetched `apiPath` (GET, successfully) from the server; start it before the action. */
export function fetched(page: Page, apiPath: string): Promise<unknown> {
  return page.waitForResponse((response) => new URL(response.url()).pathname === apiPath && response.request().method() === 'GET' && response.ok());
}

/**
 * Opens a route and waits until the page has fetched `apiPath` from the server. An edit page first shows
 * what the cache holds (a list or the show page may have put the record there) and refetches it in the
 * background; the form is reset when the refetched record differs. A test that types into the form, or
 * changes the record behind the page's back, waits for that refetch first.
 */
export async function openFetched(page: Page, e2e: E2E, route: string, apiPath: string): Promise<void> {
  const done = fetched(page, apiPath);
  await open(page, e2e, route);
  await done;
}

/** The data rows of the (first) list table on the page. */
export function dataRows(page: Page | Locator): Locator {
  return page.locator('table.RaDatagrid-table').first().locator(':scope > tbody > tr');
}

/**
 * The texts of one column of the list's rows: by its header's title, or by position (0 = the first data
 * column, after a row checkbox or expand button).
 */
export async function columnTexts(page: Page | Locator, column: number | string): Promise<string[]> {
  const table = page.locator('table.RaDatagrid-table').first();
  const headers = (await table.locator(':scope > thead > tr > th').allTextContents()).map((text) => text.trim());
  let index: number;
  if (typeof column === 'string') {
    index = headers.indexOf(column);
    if (index < 0) throw new Error(`no column "${column}" in ${JSON.stringify(headers)}`);
  } else {
    const first = await table.locator(':scope > thead > tr > th').evaluateAll((cells) => cells.findIndex((cell) => !/RaDatagrid-expandHeader|MuiTableCell-paddingCheckbox/.test((cell as { className: string }).className)));
    index = first + column;
  }
  const cells = table.locator(`:scope > tbody > tr > td:nth-child(${index + 1})`);
  return (await cells.allTextContents()).map((text) => text.trim());
}

/** Waits until the list shows exactly these texts in a column, in this order. */
export async function expectColumn(page: Page | Locator, column: number | string, texts: string[]): Promise<void> {
  await poll(() => columnTexts(page, column), `column ${column}`).toEqual(texts);
}

/** A field on a Show page: the labeled block whose label is exactly `label`. */
export function shownField(page: Page, label: string): Locator {
  return page.locator('.RaLabeled-fullWidth').filter({ has: page.locator(':scope > .RaLabeled-label').getByText(label, { exact: true }) });
}

/** The text of a field on a Show page (without its label). */
export async function shownText(page: Page, label: string): Promise<string> {
  const parts = await shownField(page, label).first().locator(':scope > :not(.RaLabeled-label)').allTextContents();
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Waits until a field on a Show page shows this text (a string must match exactly). */
export async function expectShown(page: Page, label: string, text: string | RegExp): Promise<void> {
  const check = poll(() => shownText(page, label), `field "${label}"`);
  await (typeof text === 'string' ? check.toBe(text) : check.toMatch(text));
}

/** The notification (snackbar) currently shown. */
export function notification(page: Page): Locator {
  return page.locator('.MuiSnackbarContent-message, .RaNotification-error, .RaNotification-success, [role="alert"]');
}

/**
 * Starts recording every notification (MUI snackbar, role "alert") the page shows from now on, even one
 * that hides again before the test looks; the returned function reads the texts seen so far.
 */
export async function recordAlerts(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(`(() => {
    const seen = (window.__kontorAlerts = []);
    const note = () => {
      for (const alert of document.querySelectorAll('[role="alert"]')) {
        const text = (alert.textContent || '').trim();
        if (text && !seen.includes(text)) seen.push(text);
      }
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  return async () => (await page.evaluate('window.__kontorAlerts')) as string[];
}

