// What every browser flow shares: launching Debian's Chromium through playwright-core, named
// steps, screenshots, and the page problems that fail a flow whatever step is running.
//
// A flow is `node tests/browser/<flow>.mjs`, started by tests/browser/panel_browser_test.cc
// against a real stack. Environment:
//   BASE_URL       the apex host, e.g. http://localhost:8123 (store hosts: <slug>.localhost:8123)
//   STANDIN_URL    the Graph API stand-in
//   CHROMIUM       the browser binary (default /usr/bin/chromium)
//   NODE_PATH      the node_modules installed by tests/browser/install
//   ARTIFACTS_DIR  where screenshots go (<page>.png, failure.png)
// By hand, against a serve with PANEL_BASE_DOMAIN=localhost:
//   NODE_PATH=build/browser-node/node_modules BASE_URL=http://localhost:PORT \
//     node tests/browser/signup_login.mjs
//
// Invariants:
//   1. A dialog, an uncaught page error, a Content-Security-Policy violation, a 5xx response or a
//      script/stylesheet that fails to load fails the flow at the end of the step it happened in.
//   2. The process exits 0 only when every step passed; a failure names the step, prints the
//      problem and the page URL, and saves failure.png.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

// playwright-core is CommonJS; `require` also looks in NODE_PATH, where the runner points it.
const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const kStepTimeoutMs = 20000;  // an upper bound for waits, never an expectation

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run the flows through browser_tests)`);
  return value;
}

export const config = {
  baseUrl: requiredEnv('BASE_URL').replace(/\/$/, ''),
  standinUrl: process.env.STANDIN_URL ?? '',
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  artifactsDir: process.env.ARTIFACTS_DIR || path.resolve('artifacts', 'browser'),
};

// http://<slug>.localhost:PORT for BASE_URL http://localhost:PORT.
export function storeUrl(slug, pathAndQuery = '') {
  const base = new URL(config.baseUrl);
  return `${base.protocol}//${slug}.${base.host}${pathAndQuery}`;
}

export class FlowError extends Error {}

// Throws a FlowError saying `what` unless `condition`.
export function check(condition, what) {
  if (!condition) throw new FlowError(what);
}

export class Flow {
  constructor(name, context) {
    this.name = name;
    this.context = context;
    this.problems = [];
    this.page = null;
  }

  // A fresh page in this flow's browser context, watched for problems (invariant 1).
  async newPage() {
    const page = await this.context.newPage();
    page.on('dialog', (dialog) => {
      this.problems.push(`a dialog (${dialog.type()}) opened: ${JSON.stringify(dialog.message())}`);
      dialog.dismiss().catch(() => {});
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content[- ]Security[- ]Policy/i.test(message.text())) {
        this.problems.push(`CSP violation: ${message.text()}`);
      }
    });
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (response.status() >= 500 ||
          (response.status() >= 400 && (type === 'script' || type === 'stylesheet'))) {
        this.problems.push(`${response.status()} for ${type} ${response.url()}`);
      }
    });
    this.page = page;
    return page;
  }

  // Runs one named step; its name is printed first so the output shows where a failure was.
  async step(name, body) {
    this.current = name;
    console.log(`[${this.name}] ${name}`);
    await body(this.page);
    if (this.problems.length > 0) {
      throw new FlowError(`the page misbehaved:\n  ${this.problems.join('\n  ')}`);
    }
  }

  // Saves a full-page screenshot as ARTIFACTS_DIR/<page>.png.
  async screenshot(pageName) {
    const file = path.join(config.artifactsDir, `${pageName}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    console.log(`  screenshot ${file}`);
  }
}

async function launch() {
  const args = ['--disable-dev-shm-usage'];
  // Chromium's sandbox refuses to run as root.
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  return chromium.launch({ executablePath: config.chromium, headless: true, args });
}

// Runs `body(flow)` in a fresh browser and exits: 0 when every step passed, 1 otherwise.
export async function runFlow(name, body) {
  fs.mkdirSync(config.artifactsDir, { recursive: true });
  let browser;
  let flow;
  let failed = false;
  try {
    browser = await launch();
    console.log(`[${name}] Chromium ${browser.version()} at ${config.chromium}, ${config.baseUrl}`);
    const context = await browser.newContext({
      locale: 'pt-BR',
      viewport: { width: 1280, height: 800 },
    });
    context.setDefaultTimeout(kStepTimeoutMs);
    flow = new Flow(name, context);
    await flow.newPage();
    await body(flow);
    console.log(`[${name}] passed`);
  } catch (error) {
    failed = true;
    const where = flow?.current ? `step "${flow.current}"` : 'start-up';
    const problem = error instanceof FlowError ? error.message : error.stack;
    console.log(`[${name}] FAILED at ${where}: ${problem}`);
    if (flow?.page) {
      console.log(`  page URL: ${flow.page.url()}`);
      await flow.screenshot('failure').catch((e) => console.log(`  no failure screenshot: ${e}`));
    }
  } finally {
    await browser?.close().catch(() => {});
  }
  process.exit(failed ? 1 : 0);
}

// Clicks the submit button of `formSelector` and waits for the resulting document to load
// (forms post as plain navigations). Returns the status of the POST's own response (303 for a
// redirect, 422 for a rejected form, ...) and the final URL.
export async function submitForm(page, formSelector) {
  const posted = page.waitForResponse((response) => {
    const request = response.request();
    return request.method() === 'POST' && request.isNavigationRequest() &&
        request.frame() === page.mainFrame();
  });
  const loaded = page.waitForEvent('load');
  await page.locator(formSelector).locator('[type=submit]').first().click();
  const response = await posted;
  await loaded;
  return { status: response.status(), url: new URL(page.url()) };
}

// Fails unless `selector` matches at least one element; returns its locator.
export async function expectPresent(page, selector, what) {
  const locator = page.locator(selector);
  try {
    await locator.first().waitFor({ state: 'attached' });
  } catch {
    throw new FlowError(`${what}: nothing matches ${selector} on ${page.url()}`);
  }
  return locator;
}

// Fails unless the first match of `selector` has text containing `text`; returns the text.
export async function expectText(page, selector, text, what) {
  const locator = await expectPresent(page, selector, what);
  const actual = (await locator.first().innerText()).trim();
  check(actual.includes(text), `${what}: ${selector} reads ${JSON.stringify(actual)}, ` +
        `expected it to contain ${JSON.stringify(text)}`);
  return actual;
}
