// A store signs up on the apex host, its owner logs in on the store host, sees the dashboard
// and logs out; a store name with markup in it shows as plain text and runs nothing.
// SLUG and XSS_SLUG name the two stores (default: random), so the runner can check the database.
import crypto from 'node:crypto';

import {
  check, config, expectPresent, expectText, runFlow, storeUrl, submitForm,
} from './lib/flow.mjs';

const randomSlug = () => `loja-${crypto.randomBytes(3).toString('hex')}`;
const kPassword = `senha-${crypto.randomBytes(6).toString('hex')}`;  // 18 characters
const kStores = {
  plain: { slug: process.env.SLUG || randomSlug(), name: 'Casa do Construtor Teste' },
  xss: {
    slug: process.env.XSS_SLUG || randomSlug(),
    name: '<img src=x onerror=alert(1)> Materiais',
  },
};
const kSignupFields = ['store_name', 'slug', 'owner_name', 'email', 'password'];

const email = (store) => `dono@${store.slug}.com.br`;

async function fillSignup(page, store, slug = store.slug) {
  await page.fill('form#signup [name=store_name]', store.name);
  await page.fill('form#signup [name=slug]', slug);
  await page.fill('form#signup [name=owner_name]', 'Maria Souza');
  await page.fill('form#signup [name=email]', email(store));
  await page.fill('form#signup [name=password]', kPassword);
}

async function expectCsrf(page, form) {
  const csrf = await expectPresent(page, `${form} input[type=hidden][name=csrf]`, `${form} CSRF`);
  check((await csrf.first().inputValue()).length > 0, `${form}: the csrf input is empty`);
}

async function signUp(flow, store) {
  await flow.step(`sign up "${store.slug}"`, async (page) => {
    await page.goto(`${config.baseUrl}/cadastro`);
    await fillSignup(page, store);
    const { status, url } = await submitForm(page, 'form#signup');
    const expected = storeUrl(store.slug, '/entrar?conta=criada');
    check(url.href === expected, `after signing up (POST status ${status}) the browser is at ` +
          `${url.href}, expected ${expected}`);
  });
}

async function logIn(flow, store) {
  await flow.step(`log in to "${store.slug}" with the right password`, async (page) => {
    if (!page.url().startsWith(storeUrl(store.slug, '/entrar'))) {
      await page.goto(storeUrl(store.slug, '/entrar'));
    }
    await expectCsrf(page, 'form#login');
    await page.fill('form#login [name=email]', email(store));
    await page.fill('form#login [name=password]', kPassword);
    const { status, url } = await submitForm(page, 'form#login');
    check(url.href === storeUrl(store.slug, '/'), `after logging in (POST status ${status}) the ` +
          `browser is at ${url.href}, expected the dashboard`);
  });
}

await runFlow('signup_login', async (flow) => {
  const { plain, xss } = kStores;

  await flow.step('landing page on the apex host', async (page) => {
    const response = await page.goto(`${config.baseUrl}/`);
    check(response.status() === 200, `GET / answered ${response.status()}`);
    await expectText(page, 'h1', 'OrcaZap', 'landing title');
    await expectPresent(page, 'a[href="/cadastro"]', 'link to sign up');
    await expectPresent(page, 'a[href="/entrar"]', 'link to log in');
    await flow.screenshot('landing');
  });

  await flow.step('sign-up page from the landing link', async (page) => {
    await page.click('a[href="/cadastro"]');
    await page.waitForURL(`${config.baseUrl}/cadastro`);
    const form = await expectPresent(page, 'form#signup', 'sign-up form');
    check((await form.getAttribute('method'))?.toLowerCase() === 'post',
          'form#signup: method is not post');
    check((await form.getAttribute('action')) === '/cadastro',
          'form#signup: action is not /cadastro');
    for (const field of kSignupFields) {
      await expectPresent(page, `form#signup input[name=${field}]`, `sign-up field ${field}`);
    }
    await expectPresent(page, 'form#signup [type=submit]', 'sign-up button');
    await expectCsrf(page, 'form#signup');
    await flow.screenshot('signup');
  });

  await flow.step('an invalid slug is refused with a message', async (page) => {
    await fillSignup(page, plain, 'A B');
    const { status, url } = await submitForm(page, 'form#signup');
    check(status === 422, `POST /cadastro with slug "A B" answered ${status}, expected 422`);
    check(url.pathname === '/cadastro' && url.host === new URL(config.baseUrl).host,
          `after the refused sign-up the browser is at ${url.href}`);
    await expectPresent(page, 'form#signup', 'sign-up form shown again');
    const error = await expectPresent(page, '.form-error, .field-error', 'error message');
    const text = (await error.first().innerText()).trim();
    check(text.length > 0, 'the error message is empty');
    console.log(`  error shown: ${JSON.stringify(text)}`);
  });

  await signUp(flow, plain);

  await flow.step('login page; a wrong password is refused', async (page) => {
    await expectPresent(page, 'form#login', 'login form');
    await expectPresent(page, 'form#login input[name=email]', 'login field email');
    await expectPresent(page, 'form#login input[name=password]', 'login field password');
    await expectCsrf(page, 'form#login');
    await flow.screenshot('login');
    await page.fill('form#login [name=email]', email(plain));
    await page.fill('form#login [name=password]', `${kPassword}-errada`);
    const { url } = await submitForm(page, 'form#login');
    check(url.pathname === '/entrar', `after a wrong password the browser is at ${url.href}`);
    await expectText(page, '.form-error', 'incorretos', 'wrong-password message');
    await expectPresent(page, 'form#login', 'login form shown again');
  });

  await logIn(flow, plain);

  await flow.step('dashboard', async (page) => {
    await expectText(page, 'h1', 'Painel', 'dashboard title');
    await expectPresent(page, 'nav#main-nav', 'main navigation');
    for (const stat of ['pending-approvals', 'active-conversations', 'quotes-today',
                        'conversion-week']) {
      const value = await expectPresent(page, `#stat-${stat} .stat-value`, `figure ${stat}`);
      check((await value.first().innerText()).trim().length > 0,
            `#stat-${stat}: empty .stat-value`);
    }
    await expectText(page, 'body', plain.name, 'store name on the dashboard');
    await flow.screenshot('dashboard');
  });

  await flow.step('log out', async (page) => {
    await expectPresent(page, 'form#logout[method=post][action="/sair"]', 'logout form');
    const { url } = await submitForm(page, 'form#logout');
    check(url.href.startsWith(storeUrl(plain.slug, '/entrar')),
          `after logging out the browser is at ${url.href}, expected /entrar`);
  });

  await flow.step('after logging out the dashboard asks for a login', async (page) => {
    await page.goto(storeUrl(plain.slug, '/'));
    const url = new URL(page.url());
    check(url.host === new URL(storeUrl(plain.slug)).host && url.pathname === '/entrar',
          `GET / after logging out ended at ${url.href}, expected /entrar`);
  });

  await signUp(flow, xss);
  await logIn(flow, xss);

  await flow.step('a store name with markup shows as text', async (page) => {
    await expectText(page, 'h1', 'Painel', 'dashboard title');
    await expectText(page, 'body', xss.name, 'literal store name on the dashboard');
    // Let a wrongly injected image fail to load and fire its handler before looking.
    await page.waitForLoadState('networkidle');
    const injected = await page.locator('img[src="x"]').count();
    check(injected === 0, `the store name became markup: ${injected} <img src="x"> on the page`);
  });
});
