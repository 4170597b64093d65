// The demo portal with its companion server, as `make serve` runs them: the real news-widget-relay binary
// (target/debug, built by `make relay`) with the demo configuration, its upstreams pointed at a static server
// that serves the VnExpress RSS capture without CORS. The demo page's syndicated block reads that feed
// through the relay; a reader's feedback posted from the demo page reaches the relay and the form says so;
// an editor approves it on the moderation page; the block then lists it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM, waitForState, until, sleep, startDemo, DEMO_ADMIN_TOKEN } from './harness.mjs';

const T = { timeout: 60_000 };
let demo;
let browser;

before(async () => {
  demo = await startDemo();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

const demoPage = (context) => demo.open(context);
const TOKEN = DEMO_ADMIN_TOKEN;

test('the demo page shows the VnExpress feed, which sends no CORS header, syndicated through the relay', T, async () => {
  // The upstream itself is unreadable from a browser on another origin.
  const direct = await fetch(`${demo.origin}/upstream/vnexpress_tin-moi-nhat_2017-07-26.rss`);
  assert.equal(direct.headers.get('access-control-allow-origin'), null);
  const context = await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' });
  const page = await demoPage(context);
  const block = page.locator('.block-relay news-widget');
  await waitForState(block, 'ready');
  const titles = await block.locator('.nw-title').allTextContents();
  assert.equal(titles.length, 5);
  assert.ok(titles.every((t) => t.trim().length > 0 && t === t.trim()), JSON.stringify(titles));
  await context.close();
});

test('feedback from the demo page reaches the relay, is approved on the moderation page, and is then listed', T, async () => {
  const context = await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' });
  const page = await demoPage(context);
  const fb = page.locator('.block-feedback news-widget');
  // The form is under the article: it starts when the reader comes near.
  await fb.scrollIntoViewIfNeeded();
  await waitForState(fb, 'ready');
  const message = `Ý kiến thử nghiệm ${Date.now()}`;
  await fb.locator('[name="name"]').fill('Trần Thị Bình');
  await fb.locator('[name="email"]').fill('binh@example.vn');
  await fb.locator('[name="message"]').fill(message);
  await sleep(3200); // the relay's minimum fill time against bots
  await fb.locator('.nw-fb-submit').click();
  await until(() => fb.getByText('Cảm ơn bạn đã gửi phản hồi. Ban Biên tập sẽ xem xét trước khi đăng.').isVisible(),
    'the thank-you message', 15_000);

  // The moderation page, logged in with the editor's token (HTTP Basic, the token as password).
  const editor = await browser.newContext({ httpCredentials: { username: 'editor', password: TOKEN } });
  const admin = await editor.newPage();
  await admin.goto(`${demo.relayOrigin}/admin/`);
  const row = admin.locator('tr', { hasText: message });
  await until(() => row.isVisible(), 'the pending feedback on the moderation page');
  await row.getByRole('button', { name: 'Duyệt' }).click();
  await until(async () => (await row.getByRole('button', { name: 'Duyệt' }).count()) === 0, 'the approval');
  await editor.close();

  // A reader opening the article now sees it in the block's published list.
  const reader = await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh', locale: 'vi-VN' });
  const again = await demoPage(reader);
  await again.locator('.block-feedback news-widget').scrollIntoViewIfNeeded();
  await until(() => again.locator('.block-feedback news-widget').getByText(message).isVisible(),
    'the approved feedback in the block', 15_000);
  await reader.close();
  await context.close();
});
