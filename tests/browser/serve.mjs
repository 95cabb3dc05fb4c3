// Browser test of `hirelint serve` (see scripts/browser-test.sh, which starts the server).
//
// Usage: node serve.mjs URL LABELS_FILE DOCX_FILE SCREENSHOT_PREFIX
//
// Opens the page in headless Chromium and, with the keyboard only: moves to the text box,
// pastes a job ad, waits for the highlights, copies the rewrite, marks a finding as wrong and
// a selected passage as a missed barrier (the labels file must then hold both); opens a Word
// file through the file field; runs axe-core (WCAG 2 A/AA, zero violations) at a desktop and
// a phone width, with and without findings; checks that the page asks nothing of any other
// address and does not scroll sideways on a phone. Saves screenshots. Exits 1 on any failure.

import { readFileSync } from 'node:fs';
import { checkAxe as axeCheck, failures as newFailures, launch } from './common.mjs';

const [url, labelsFile, docxFile, shotPrefix] = process.argv.slice(2);

const AD = `# Office manager

We are looking for a rockstar who is a great team player. Our chairman wants a self-starter.

## Requirements

- A full driving licence
- Excellent communication skills
`;

const { list: failures, fail } = newFailures();
const browser = await launch();

try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  const page = await context.newPage();
  const outside = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(url) && !r.url().startsWith('data:')) outside.push(r.url());
  });
  page.on('pageerror', (e) => fail(`script error on the page: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });

  const checkAxe = (label) => axeCheck(page, label, fail);
  await checkAxe('empty page, desktop');

  // Keyboard only: Tab until the text box has focus.
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'text');
  }
  if (!reached) fail('Tab never reached the text box');
  await page.keyboard.insertText(AD); // what pasting does
  try {
    await page.waitForSelector('#result .text mark', { timeout: 20_000 });
  } catch {
    fail('no highlights appeared after pasting a job ad');
  }
  const facts = await page.evaluate(() => ({
    marks: [...document.querySelectorAll('#result .text mark')].map((m) => m.textContent),
    status: document.getElementById('status').textContent,
    before: document.querySelectorAll('#result table.rewrite tbody tr').length,
    ins: [...document.querySelectorAll('#result table.rewrite ins')].map((m) => m.textContent),
  }));
  console.log(`after pasting: ${facts.marks.length} highlights; status "${facts.status}"`);
  if (!facts.marks.some((m) => m.includes('rockstar'))) fail(`"rockstar" is not highlighted: ${facts.marks}`);
  if (!/finding/.test(facts.status)) fail(`the status does not say what was found: "${facts.status}"`);
  if (facts.before < 1) fail('no before-and-after rows');
  if (!facts.ins.includes('chair')) fail(`the safe fix is not shown in the rewrite: ${facts.ins}`);
  await checkAxe('with findings, desktop');

  // Copy the rewrite: Tab to the button, press Enter.
  let onCopy = false;
  for (let i = 0; i < 10 && !onCopy; i++) {
    await page.keyboard.press('Tab');
    onCopy = await page.evaluate(() => document.activeElement?.id === 'copy');
  }
  if (!onCopy) fail('Tab never reached "Copy the rewrite"');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /copied/i.test(document.getElementById('status').textContent),
    null, { timeout: 10_000 }).catch(() => fail('copying the rewrite did not say it was copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText()).catch(() => null);
  if (copied !== null) {
    if (copied !== AD.replace('chairman', 'chair')) fail(`the copied rewrite is not the ad with the fix: ${JSON.stringify(copied)}`);
    else console.log('copy: the rewrite is on the clipboard');
  }

  // Review panel: mark the first finding as wrong, by keyboard.
  let onWrong = false;
  for (let i = 0; i < 60 && !onWrong; i++) {
    await page.keyboard.press('Tab');
    onWrong = await page.evaluate(() => document.activeElement?.classList.contains('wrong'));
  }
  if (!onWrong) fail('Tab never reached a "This finding is wrong" button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /labelled as not a barrier/.test(document.getElementById('status').textContent),
    null, { timeout: 10_000 }).catch(() => fail('marking a finding as wrong did not thank the reviewer'));

  // A missed barrier: select words in the text box (Shift+arrows), then the button.
  await page.focus('#text');
  await page.evaluate(() => {
    const t = document.getElementById('text');
    const at = t.value.indexOf('Excellent');
    t.setSelectionRange(at, at);
  });
  for (let i = 0; i < 'Excellent communication skills'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.focus('#missed');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /missed barrier/.test(document.getElementById('status').textContent),
    null, { timeout: 10_000 }).catch(() => fail('marking a missed barrier did not thank the reviewer'));
  const labels = readFileSync(labelsFile, 'utf8');
  if (!labels.includes('[[clean]]')) fail('the labels file has no [[clean]] label');
  if (!/\[\[finding\]\][^[]*quote = "Excellent communication skills"/.test(labels)) fail(`the labels file has no missed barrier: ${labels}`);
  else console.log('labels: one finding marked wrong and one missed barrier written');

  await page.screenshot({ path: `${shotPrefix}-desktop.png`, fullPage: false });

  // A Word file through the file field.
  await page.setInputFiles('#file', docxFile);
  await page.waitForFunction(() => document.getElementById('text').value.includes('rockstar')
    && document.querySelector('#result .text mark'), null, { timeout: 20_000 })
    .catch(() => fail('opening a Word file did not show its text and findings'));
  console.log('file: a Word document opened, its text is in the box and its findings shown');

  // A phone.
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 1) fail(`on a 360px screen the page scrolls sideways by ${overflow}px`);
  await checkAxe('with findings, phone');
  await page.screenshot({ path: `${shotPrefix}-phone.png`, fullPage: false });
  if (outside.length) fail(`the page asked other addresses: ${outside.join(', ')}`);
} finally {
  await browser.close();
}

if (failures.length) {
  console.error(`\n${failures.length} problem(s) found.`);
  process.exit(1);
}
console.log('\nOK: serve page used by keyboard, zero axe violations, labels written.');
