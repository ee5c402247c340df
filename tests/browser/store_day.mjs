// A store's first day in the panel, end to end: the owner signs up and logs in, connects the
// store's WhatsApp number, imports a catalog CSV with one bad row (the report names it, the good
// rows are in), edits a price inline, approves (with an edited line) the quote a customer's
// message with an unknown item sent for approval and sees it reach the customer at the Graph
// stand-in, replies to the conversation that then needs a person, and logs out. Each main page
// is saved as ARTIFACTS_DIR/<page>.png (channel, catalog, approvals, approval, conversations,
// conversation, ...).
//
// Customers' messages do not go through the browser: the flow posts signed WhatsApp webhooks to
// the serve process itself, as Meta would. Environment, besides lib/flow.mjs's:
//   WEBHOOK_URL  the serve's POST /webhooks/whatsapp, by address (not a panel host)
//   APP_SECRET   the app secret the webhooks are signed with
//   SLUG         the store (default: random), so that the runner can check the database
import crypto from 'node:crypto';

import {
  check, config, expectPresent, expectText, FlowError, runFlow, storeUrl, submitForm,
} from './lib/flow.mjs';

const kWaitMs = 20000;  // upper bound for anything the server does in the background

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run the flows through browser_tests)`);
  return value;
}

const kWebhookUrl = requiredEnv('WEBHOOK_URL');
const kAppSecret = requiredEnv('APP_SECRET');
check(config.standinUrl !== '', 'STANDIN_URL is not set (run the flows through browser_tests)');

const randomDigits = (count) => Array.from({ length: count }, () => crypto.randomInt(10)).join('');

const kStore = {
  slug: process.env.SLUG || `loja-${crypto.randomBytes(3).toString('hex')}`,
  name: 'Depósito Dia de Loja',
  owner: 'Joana Lima',
  password: `senha-${crypto.randomBytes(6).toString('hex')}`,
};
kStore.email = `dona@${kStore.slug}.com.br`;

const kChannel = {
  phoneNumberId: `9${randomDigits(11)}`,  // 12 digits
  wabaId: randomDigits(15),
  accessToken: `EAAG-loja-${crypto.randomBytes(12).toString('hex')}`,
  displayPhoneNumber: `+55 11 4${randomDigits(3)}-${randomDigits(4)}`,
};

const kCustomerA = { phone: `5511${randomDigits(9)}`, name: 'Davi Teste' };
const kCustomerB = { phone: `5521${randomDigits(9)}`, name: 'Eva Teste' };

const kCsvName = 'catalogo-teste.csv';
const kCsv = [
  'sku,name,unit,price,cost,weight_kg,aliases',
  'CIM-50,Cimento CP II 50kg,saco,38.90,31.00,50,cimento',
  'ARG-20,Argamassa AC-I 20kg,saco,19.90,14.00,20,argamassa|argamassa colante',
  'ARE-M,Areia média,m³,abc,110.00,1500,areia',
  'TIJ-8,Tijolo baiano 8 furos,un,1.25,0.80,2.4,tijolo|bloco',
  '',
].join('\n');
const kGoodSkus = ['CIM-50', 'ARG-20', 'TIJ-8'];
const kBadRow = `${kCsvName}:4: column price`;

// A new store has no freight rules yet, so no bairro of its own: the customer names one after
// "bairro". The freight is then unknown too, and the person gives it when approving.
const kOrder = 'quero 10 sacos de cimento e 3 latas de verniz marítimo, entrega no bairro ' +
    'Centro amanhã, pix';
const kQuestion = 'a areia é lavada? dá pra entregar de manhã?';
const kReply = `Bom dia, Davi! A areia é lavada sim e entregamos de manhã (${randomDigits(4)}).`;

// --- Customers: signed webhooks and the Graph stand-in -------------------------------------------

// POSTs one customer text message to the store's number as Meta's webhook would.
async function customerSays(customer, text) {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{
      id: kChannel.wabaId,
      changes: [{
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: {
            display_phone_number: '5511400000000',
            phone_number_id: kChannel.phoneNumberId,
          },
          contacts: [{ profile: { name: customer.name }, wa_id: customer.phone }],
          messages: [{
            from: customer.phone,
            id: `wamid.browser.${crypto.randomBytes(12).toString('hex')}`,
            timestamp: String(Math.floor(Date.now() / 1000)),
            type: 'text',
            text: { body: text },
          }],
        },
      }],
    }],
  });
  const signature = crypto.createHmac('sha256', kAppSecret).update(body).digest('hex');
  const response = await fetch(kWebhookUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': `sha256=${signature}` },
    body,
  });
  check(response.status === 200, `the webhook with ${JSON.stringify(text)} from ` +
        `${customer.phone} answered ${response.status}: ${await response.text()}`);
}

// Tells the Graph stand-in that the store's token sees its number in its WhatsApp Business
// Account, as Meta would once the store set up its number; the panel asks before saving.
async function registerStoreNumber() {
  const response = await fetch(`${config.standinUrl}/_standin/numbers`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      token: kChannel.accessToken,
      waba_id: kChannel.wabaId,
      phone_number_id: kChannel.phoneNumberId,
      display_phone_number: kChannel.displayPhoneNumber,
    }),
  });
  check(response.status === 200, `registering the store's number at the Graph stand-in ` +
        `answered ${response.status}: ${await response.text()}`);
}

// The messages the Graph stand-in received for `phone`, waiting (bounded) until one satisfies
// `wanted`; returns that message.
async function waitForMessageTo(phone, wanted, what) {
  const deadline = Date.now() + kWaitMs;
  let seen = [];
  while (Date.now() < deadline) {
    const url = `${config.standinUrl}/_standin/messages?to=${phone}&wait_ms=1000` +
        `&after_seq=${seen.length > 0 ? seen[seen.length - 1].seq : 0}`;
    const response = await fetch(url);
    check(response.status === 200, `GET ${url} answered ${response.status}`);
    const { messages } = await response.json();
    seen = seen.concat(messages);
    const found = messages.find(wanted);
    if (found) return found;
    if (messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new FlowError(`${what}: no such message to ${phone} at the Graph stand-in within ` +
      `${kWaitMs / 1000} s; it received ${JSON.stringify(seen.map((m) => m.body))}`);
}

// --- Page helpers --------------------------------------------------------------------------------

// Marks the current document; the returned check fails if it was replaced by a page load since
// (an htmx swap keeps it).
async function markDocument(page) {
  const mark = crypto.randomBytes(8).toString('hex');
  await page.evaluate((value) => { window.ozFlowMark = value; }, mark);
  return async (what) => {
    const now = await page.evaluate(() => window.ozFlowMark ?? null);
    check(now === mark, `${what}: the page was loaded again instead of updated in place ` +
          `(now at ${page.url()})`);
  };
}

async function expectHtmx(page) {
  check(await page.evaluate(() => typeof window.htmx === 'object'),
        `htmx is not loaded on ${page.url()}`);
}

// Follows the main navigation's link `text` and waits for `pathname`.
async function navigate(page, text, pathname) {
  await page.locator('nav#main-nav a', { hasText: text }).click();
  await page.waitForURL((url) => url.pathname === pathname);
  await page.waitForLoadState('load');
}

// Reloads until `selector` is on the page (bounded); the server works in the background.
async function reloadUntilPresent(page, selector, what) {
  const deadline = Date.now() + kWaitMs;
  for (;;) {
    if (await page.locator(selector).count() > 0) return page.locator(selector);
    if (Date.now() > deadline) {
      throw new FlowError(`${what}: nothing matches ${selector} on ${page.url()} after ` +
          `reloading for ${kWaitMs / 1000} s`);
    }
    await page.waitForTimeout(500);
    await page.reload();
  }
}

async function rowSkus(page) {
  return page.locator('#catalog-rows tr.item').evaluateAll(
      (rows) => rows.map((row) => row.querySelector('td')?.textContent.trim()));
}

// Waits (bounded) until the catalog rows are exactly `skus`, in any order.
async function expectRows(page, skus, what) {
  const want = [...skus].sort().join(',');
  const deadline = Date.now() + kWaitMs;
  let have;
  do {
    have = (await rowSkus(page)).sort().join(',');
    if (have === want) return;
    await page.waitForTimeout(100);
  } while (Date.now() < deadline);
  throw new FlowError(`${what}: the catalog lists [${have}], expected [${want}]`);
}

// --- The flow ------------------------------------------------------------------------------------

await runFlow('store_day', async (flow) => {
  await flow.step(`sign up "${kStore.slug}"`, async (page) => {
    await page.goto(`${config.baseUrl}/cadastro`);
    await page.fill('form#signup [name=store_name]', kStore.name);
    await page.fill('form#signup [name=slug]', kStore.slug);
    await page.fill('form#signup [name=owner_name]', kStore.owner);
    await page.fill('form#signup [name=email]', kStore.email);
    await page.fill('form#signup [name=password]', kStore.password);
    const { status, url } = await submitForm(page, 'form#signup');
    const expected = storeUrl(kStore.slug, '/entrar?conta=criada');
    check(url.href === expected, `after signing up (POST status ${status}) the browser is at ` +
          `${url.href}, expected ${expected}`);
  });

  await flow.step('log in', async (page) => {
    await page.fill('form#login [name=email]', kStore.email);
    await page.fill('form#login [name=password]', kStore.password);
    const { status, url } = await submitForm(page, 'form#login');
    check(url.href === storeUrl(kStore.slug, '/'), `after logging in (POST status ${status}) ` +
          `the browser is at ${url.href}, expected the dashboard`);
    await expectText(page, 'h1', 'Painel', 'dashboard title');
    await flow.screenshot('dashboard');
  });

  await flow.step('connect the WhatsApp number', async (page) => {
    await navigate(page, 'WhatsApp', '/canal');
    await expectText(page, 'main .notice', 'Nenhum canal configurado', 'no channel yet');
    const verifyToken = await page.inputValue('form#channel [name=verify_token]');
    check(verifyToken.length > 0, 'form#channel: no verify token was suggested');
    await page.fill('form#channel [name=phone_number_id]', kChannel.phoneNumberId);
    await page.fill('form#channel [name=waba_id]', kChannel.wabaId);
    await page.fill('form#channel [name=access_token]', kChannel.accessToken);
    const refused = await submitForm(page, 'form#channel');
    check(refused.status === 422, `POST /canal with a number WhatsApp does not confirm answered ` +
          `${refused.status}, expected 422`);
    await expectText(page, 'main .form-error', 'O WhatsApp não confirmou este número',
                     'refusal above the form');
    await flow.screenshot('channel-refused');
    await registerStoreNumber();
    await page.fill('form#channel [name=access_token]', kChannel.accessToken);
    const { status } = await submitForm(page, 'form#channel');
    check(status === 200, `POST /canal answered ${status}, expected 200`);
    await expectText(page, 'main .notice', 'Canal salvo', 'saved notice');
    check(await page.inputValue('form#channel [name=display_phone_number]') ===
          kChannel.displayPhoneNumber, 'the display number WhatsApp shows was not filled in');
    check(await page.inputValue('form#channel [name=phone_number_id]') === kChannel.phoneNumberId,
          'the saved page does not show the phone number ID');
    check(await page.inputValue('form#channel [name=verify_token]') === verifyToken,
          'the verify token changed when saving');
    check(await page.inputValue('form#channel [name=access_token]') === '',
          'the access token is shown again after saving');
    await flow.screenshot('channel');
  });

  await flow.step('import a catalog CSV with one bad row', async (page) => {
    await navigate(page, 'Catálogo', '/catalogo');
    await expectPresent(page, 'form#catalog-import', 'import form');
    await page.setInputFiles('form#catalog-import input[type=file]',
                             { name: kCsvName, mimeType: 'text/csv', buffer: Buffer.from(kCsv) });
    const { status } = await submitForm(page, 'form#catalog-import');
    check(status === 200, `POST /catalogo/importar answered ${status}, expected 200`);
    await expectText(page, '#import-report', '3 novos', 'import report: the good rows');
    await expectText(page, '#import-report', '1 linhas com problema', 'import report: the bad row');
    await expectText(page, '#import-report .import-problems', kBadRow, 'the bad row named');
    await expectRows(page, kGoodSkus, 'after the import');
    await flow.screenshot('catalog-import');
  });

  await flow.step('the good rows are in the catalog', async (page) => {
    await navigate(page, 'Catálogo', '/catalogo');
    await expectRows(page, kGoodSkus, 'the catalog page');
    await expectText(page, 'tr#item-CIM-50', 'Cimento CP II 50kg', 'the cimento row');
    check(await page.inputValue('tr#item-CIM-50 input[name=price]') === '38.90',
          'the cimento row does not show the imported price 38.90');
    check(await page.locator('#import-report').count() === 0,
          'the import report is still shown on a fresh catalog page');
    await flow.screenshot('catalog');
  });

  await flow.step('edit a price inline', async (page) => {
    await expectHtmx(page);
    const samePage = await markDocument(page);
    await page.fill('tr#item-CIM-50 input[name=price]', '41,50');
    await page.locator('tr#item-CIM-50 button', { hasText: 'Salvar' }).click();
    await expectText(page, 'tr#item-CIM-50 .saved', 'Salvo', 'the saved note in the row');
    check(await page.inputValue('tr#item-CIM-50 input[name=price]') === '41.50',
          'after saving, the cimento row does not show 41.50');
    await samePage('saving a price');
    await expectRows(page, kGoodSkus, 'after saving a price');
    await flow.screenshot('catalog-price');
  });

  await flow.step('search the catalog live', async (page) => {
    const samePage = await markDocument(page);
    await page.fill('#q', 'ciment');
    await expectRows(page, ['CIM-50'], 'searching "ciment"');
    await page.fill('#q', 'tijolo');
    await expectRows(page, ['TIJ-8'], 'searching "tijolo"');
    await page.fill('#q', '');
    await expectRows(page, kGoodSkus, 'clearing the search');
    await samePage('searching');
    // The saved price is what the page shows after a real reload too.
    await page.reload();
    check(await page.inputValue('tr#item-CIM-50 input[name=price]') === '41.50',
          'after a reload, the cimento row does not show the saved 41.50');
  });

  let quoteId;
  await flow.step('a customer asks for an unknown item: an approval is waiting', async (page) => {
    await customerSays(kCustomerA, kOrder);
    await navigate(page, 'Aprovações', '/aprovacoes');
    const rows = await reloadUntilPresent(page, '#approvals tbody tr[id^="approval-"]',
                                          'the approval for the customer\'s order');
    check(await rows.count() === 1, `${await rows.count()} approvals listed, expected 1`);
    const row = rows.first();
    quoteId = (await row.getAttribute('id')).slice('approval-'.length);
    const text = await row.innerText();
    check(text.includes(`+${kCustomerA.phone}`), `the approval row does not name the customer: ` +
          JSON.stringify(text));
    check(text.includes('item fora do catálogo'), `the approval row does not give the reason ` +
          `"item fora do catálogo": ${JSON.stringify(text)}`);
    await flow.screenshot('approvals');
  });

  let freightGiven = false;
  await flow.step('open the approval and edit a line', async (page) => {
    await page.locator(`tr#approval-${quoteId} a`, { hasText: 'Abrir' }).click();
    await page.waitForURL((url) => url.pathname === `/aprovacoes/${quoteId}`);
    await expectText(page, 'h1', kCustomerA.name, 'the approval names the customer');
    await expectPresent(page, '#approve-form', 'approve form');
    await expectText(page, '#approve-form fieldset.unknown legend', 'verniz',
                     'the unknown item is named');
    const price = await expectPresent(page, '#approve-form input[name="price:CIM-50"]',
                                      'the cimento line');
    const before = await price.first().inputValue();
    check(before === '41.50', `the cimento line is priced ${JSON.stringify(before)}, expected ` +
          'the price saved inline, 41.50');
    check(await page.isChecked('#approve-form input[name=drop_unknown]'),
          '"não cotar estes itens" is not checked');
    await expectText(page, `#approval-${quoteId} .thread`, 'verniz', 'the customer\'s message');
    await price.first().fill('40,00');
    const freight = page.locator('#approve-form input[name=freight]');
    if (await freight.count() > 0) {
      await freight.fill('30,00');
      freightGiven = true;
    }
    console.log(`  freight ${freightGiven ? 'unknown: given as 30,00' : 'known'}`);
    await flow.screenshot('approval');
  });

  await flow.step('approve: the quote is sent in place', async (page) => {
    await expectHtmx(page);
    const samePage = await markDocument(page);
    await page.locator('#approve-form button[type=submit]', { hasText: 'Aprovar e enviar' })
        .click();
    const done = `#approval-${quoteId}.done .notice`;
    try {
      await page.locator(done).waitFor();
    } catch {
      const error = await page.locator(`#approval-${quoteId} .form-error`).allInnerTexts();
      throw new FlowError(`no "Orçamento aprovado" (${done}) after approving; the form says: ` +
          JSON.stringify(error));
    }
    await expectText(page, done, 'Orçamento aprovado', 'approved notice');
    await samePage('approving');
    check(await page.locator('#approve-form').count() === 0, 'the approve form is still shown');
    await flow.screenshot('approval-done');
  });

  await flow.step('the quote reaches the customer at the Graph stand-in', async () => {
    const quote = await waitForMessageTo(kCustomerA.phone, (m) => m.body.includes('R$ 400,00'),
                                         'the approved quote (10 × R$ 40,00)');
    check(quote.phone_number_id === kChannel.phoneNumberId,
          `the quote was sent from number ${quote.phone_number_id}, not the store's`);
    check(quote.token === kChannel.accessToken, 'the quote was not sent with the store\'s token');
    check(!quote.body.includes('verniz'), `the dropped item is in the quote: ${quote.body}`);
    if (freightGiven) {
      check(quote.body.includes('R$ 30,00'),
            `the freight given is not in the quote: ${quote.body}`);
    }
    console.log(`  quote: ${JSON.stringify(quote.body)}`);
  });

  await flow.step('the approval is gone from the list', async (page) => {
    await navigate(page, 'Aprovações', '/aprovacoes');
    check(await page.locator(`tr#approval-${quoteId}`).count() === 0,
          'the approved quote is still listed');
    await expectText(page, 'main .notice', 'Nenhum orçamento esperando aprovação',
                     'the empty list');
  });

  let conversationId;
  await flow.step('the customer\'s question flags the conversation, listed first', async (page) => {
    await customerSays(kCustomerA, kQuestion);
    await navigate(page, 'Conversas', '/conversas');
    await reloadUntilPresent(page, '#inbox tbody tr.needs-human',
                             'the conversation that needs a person');
    // Another customer writes later: a newer conversation that needs nobody.
    await customerSays(kCustomerB, 'oi');
    await reloadUntilPresent(page, '#inbox tbody tr:nth-child(2)',
                             'the second customer\'s conversation');
    const rows = page.locator('#inbox tbody tr');
    check(await rows.count() === 2, `${await rows.count()} conversations listed, expected 2`);
    const first = rows.first();
    const text = await first.innerText();
    check(text.includes(`+${kCustomerA.phone}`), `the first conversation is not the flagged ` +
          `one: ${JSON.stringify(text)}`);
    check(await first.getAttribute('class') === 'needs-human', 'the first row is not flagged');
    await expectText(page, '#inbox tbody tr:first-child .flag', 'precisa de atendimento',
                     'the flag');
    check(await rows.nth(1).locator('.flag').count() === 0,
          'the other customer\'s conversation is flagged too');
    conversationId = (await first.getAttribute('id')).slice('conversation-'.length);
    await flow.screenshot('conversations');
  });

  await flow.step('open the flagged conversation', async (page) => {
    await page.locator(`tr#conversation-${conversationId} a`, { hasText: 'Abrir' }).click();
    await page.waitForURL((url) => url.pathname === `/conversas/${conversationId}`);
    await expectText(page, 'h1', `+${kCustomerA.phone}`, 'the conversation names the customer');
    await expectText(page, '#conversation .flag', 'precisa de atendimento', 'the flag');
    await expectText(page, '#thread', kQuestion, 'the customer\'s question');
    await expectText(page, '#thread', 'R$ 400,00', 'the quote sent');
    await expectPresent(page, 'form#reply-form textarea[name=text]', 'the reply form');
    await flow.screenshot('conversation');
  });

  await flow.step('reply to the customer', async (page) => {
    await expectHtmx(page);
    const samePage = await markDocument(page);
    await page.fill('form#reply-form textarea[name=text]', kReply);
    await page.locator('form#reply-form button[type=submit]', { hasText: 'Enviar' }).click();
    await expectText(page, '#conversation .notice', 'Resposta enviada ao cliente.',
                     'the reply notice');
    await samePage('replying');
    check(await page.locator('#conversation .flag').count() === 0,
          'the conversation still needs a person after the reply');
    const sent = await waitForMessageTo(kCustomerA.phone, (m) => m.body === kReply,
                                        'the reply');
    check(sent.phone_number_id === kChannel.phoneNumberId,
          `the reply was sent from number ${sent.phone_number_id}, not the store's`);
    await flow.screenshot('conversation-replied');
  });

  await flow.step('log out', async (page) => {
    const { url } = await submitForm(page, 'form#logout');
    check(url.href.startsWith(storeUrl(kStore.slug, '/entrar')),
          `after logging out the browser is at ${url.href}, expected /entrar`);
    await page.goto(storeUrl(kStore.slug, '/'));
    const after = new URL(page.url());
    check(after.pathname === '/entrar', `GET / after logging out ended at ${after.href}, ` +
          'expected /entrar');
    await expectPresent(page, 'form#login', 'the login form');
  });
});
