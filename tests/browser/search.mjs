// Opens the search page in Debian's chromium (headless), types a query
// without accents, submits, and checks that the hits show the matched
// words highlighted; keeps desktop and phone screenshots as artifacts.
// Usage: node search.mjs BASE_URL ARTIFACT_DIR
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [base, artifacts] = process.argv.slice(2);
fs.mkdirSync(artifacts, { recursive: true });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vn-chromium-'));
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`); };

const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
  timeout: 60000,
});
try {
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(30000);
  const problems = [];
  page.on('console', m => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', e => problems.push(String(e)));

  await page.goto(base + '/');
  check((await page.title()).includes('Tìm kiếm'), 'the page opens with a Vietnamese title');

  const box = page.locator('#vs-q');
  await box.click();
  await box.pressSequentially('dang vien', { delay: 40 });
  // The autocomplete script (a separate file, allowed by the CSP) fills the datalist.
  // (a locator, not waitForFunction: that evaluates a string in the page,
  // which the page's CSP rightly refuses)
  await page.locator('#vs-complete option').first().waitFor({ state: 'attached', timeout: 10000 })
    .catch(() => {});
  const options = await page.$$eval('#vs-complete option', os => os.map(o => o.value));
  check(options.length > 0, `autocomplete offers suggestions (${options.slice(0, 3).join(', ')})`);

  await Promise.all([page.waitForURL(/[?&]q=dang(\+|%20)vien/), box.press('Enter')]);
  await page.waitForSelector('.vs-hit');
  const summary = await page.textContent('.vs-summary');
  check(/Tìm thấy (khoảng )?\d+ kết quả/.test(summary || ''), `result count shown: "${summary}"`);
  check(await box.inputValue() === 'dang vien', 'the box keeps the query');

  const marks = await page.$$eval('.vs-hit mark', ms => ms.map(m => m.textContent.trim()));
  const accented = marks.filter(t => /^(đảng|viên|đảng viên)$/i.test(t.toLocaleLowerCase('vi')));
  check(accented.length >= 2, `matched words highlighted with accents: ${[...new Set(marks)].slice(0, 6).join(', ')}`);
  const titles = await page.$$eval('.vs-hit-title a', as => as.map(a => a.href));
  check(titles.length > 0 && titles.every(h => /^https?:\/\//.test(h)), 'hit titles are http(s) links');
  check(await page.locator('.vs-pagination').count() === 1, 'pagination shown');
  const marked = await page.locator('.vs-hit mark').first();
  const bg = await marked.evaluate(e => getComputedStyle(e).backgroundColor);
  check(bg !== 'rgba(0, 0, 0, 0)', `highlight is visible (background ${bg})`);
  await page.screenshot({ path: path.join(artifacts, 'search.png'), fullPage: false });

  // The same page at a phone's width: no sideways scrolling, button below the box.
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(page.url());
  await phone.waitForSelector('.vs-hit');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
  await phone.screenshot({ path: path.join(artifacts, 'search-phone.png'), fullPage: false });

  // Page 2 through the pagination link.
  await Promise.all([page.waitForURL(/page=2/), page.click('.vs-pagination a.vs-next')]);
  check((await page.textContent('.vs-page-of')).includes('Trang 2 /'), 'page 2 through the link');

  const csp = problems.filter(p => /Content Security Policy|Refused to/i.test(p));
  check(csp.length === 0, `no CSP violations (${csp.join(' | ')})`);
  check(problems.length === 0, `no script errors (${problems.join(' | ')})`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(failures.length ? `${failures.length} failed` : 'all passed');
process.exit(failures.length ? 1 : 0);
