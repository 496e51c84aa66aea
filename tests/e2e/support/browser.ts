/**
 * Headless Chromium for browser tests: Debian's chromium (or CHROMIUM_PATH)
 * driven by playwright-core, which downloads no browser of its own. Pages get
 * a context that lets requests reach loopback only, so a test can never talk
 * to the outside world by accident.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Safe to call with a browser that never launched (a failed beforeAll). */
export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  await browser?.close();
}

export interface ContextOptions {
  baseURL: string;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  timezoneId?: string;
  /** The browser's language (navigator.languages, Accept-Language); default en-US. */
  locale?: string;
  /** A phone: a touch screen (touch and pointer events of type touch) and a mobile viewport. */
  touch?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function newContext(browser: Browser, options: ContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    timezoneId: options.timezoneId ?? 'Europe/Berlin',
    locale: options.locale ?? 'en-US',
    ...(options.touch === true ? { hasTouch: true, isMobile: true } : {}),
  });
  // Fail a step in seconds, not at vitest's test timeout, so the report names the step;
  // generous enough for CI's two cores running every suite at once.
  context.setDefaultTimeout(25_000);
  // Every Content-Security-Policy violation becomes a console error, which watchForPageErrors reports.
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (event) => {
    console.error('CSP violation: ' + event.effectiveDirective + ' blocked ' + (event.blockedURI || 'inline code') + ' on ' + location.pathname);
  });`);
  await context.route('**/*', (route) => {
    const { protocol, hostname } = new URL(route.request().url());
    const local = protocol === 'data:' || LOOPBACK.has(hostname);
    return local ? route.continue() : route.abort('blockedbyclient');
  });
  return context;
}

/**
 * Collects what the page should never produce: uncaught exceptions and
 * console errors, Content-Security-Policy violations included. Assert it is
 * empty at the end of a scenario.
 */
export function watchForPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Chromium logs every 4xx response ("Failed to load resource"); the app
    // expects some (a 400 for a bad field, a 401 for an ended session).
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return problems;
}
