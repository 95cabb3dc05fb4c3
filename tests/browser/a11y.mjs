// Browser test of the HTML report (`hirelint check --format html`).
//
// Usage: node a11y.mjs REPORT.html [SCREENSHOT.png]
//
// Opens the report in Chromium (file:// URL, no network), then:
//  1. runs axe-core with the WCAG 2.0/2.1/2.2 A and AA rules, at a desktop width and at a phone
//     width: any violation fails the test (best-practice findings are printed, not fatal);
//  2. checks the page asks for nothing over the network and has no horizontal scrolling on a
//     narrow screen;
//  3. tabs through the page: focus must move from link to link with a visible focus style, no
//     trap, and Enter on a link must jump to its target;
//  4. checks that smooth scrolling is off when the reader asks for reduced motion;
//  5. saves a full-page screenshot.
// Exits with 1 on any failure.

import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkAxe as axeCheck, failures as newFailures, launch } from './common.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const report = resolve(process.argv[2] ?? resolve(here, '../../target/html-report.html'));
const shot = resolve(process.argv[3] ?? resolve(here, '../../target/html-report.png'));

const { list: failures, fail } = newFailures();
const browser = await launch();

try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const outside = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) outside.push(r.url());
  });
  page.on('pageerror', (e) => fail(`script error on the page: ${e.message}`));
  await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
  if (outside.length) fail(`the report loads things from outside: ${outside.join(', ')}`);

  const checkAxe = (label) => axeCheck(page, label, fail);

  // 1. axe at desktop width.
  await checkAxe('desktop, 1100px');

  // 2. Basic structure the tests promise.
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.title,
    mains: document.querySelectorAll('main').length,
    h1: document.querySelectorAll('h1').length,
    marks: document.querySelectorAll('mark[title]').length,
    links: document.querySelectorAll('a[href]').length,
  }));
  console.log(`page: lang=${facts.lang} title="${facts.title}" marks=${facts.marks} links=${facts.links}`);
  if (facts.lang !== 'en') fail('html lang is not "en"');
  if (!facts.title) fail('no <title>');
  if (facts.mains !== 1) fail('not exactly one <main>');
  if (facts.h1 !== 1) fail('not exactly one <h1>');

  // 3. Keyboard: tab through every link; focus moves, is visible, never stuck.
  await page.evaluate(() => document.activeElement?.blur());
  const seen = new Set();
  let stuck = 0;
  let previous = null;
  const focusable = await page.evaluate(() => document.querySelectorAll('a[href], summary').length);
  const steps = Math.min(focusable + 2, 600);
  let jumpTarget = null;
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        key: (() => {
          // A number per element, so that two links with the same text stay apart.
          window.__focusIds ??= new WeakMap();
          window.__focusNext ??= 0;
          if (!window.__focusIds.has(el)) window.__focusIds.set(el, window.__focusNext++);
          return window.__focusIds.get(el);
        })(),
        label: `${el.tagName} ${el.getAttribute('href') ?? ''} "${el.textContent.trim().slice(0, 40)}"`,
        tag: el.tagName,
        href: el.getAttribute('href'),
        visibleFocus:
          (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && cs.outlineColor !== 'rgba(0, 0, 0, 0)') ||
          cs.boxShadow !== 'none',
        onScreen: box.width > 0 && box.height > 0,
      };
    });
    if (f === null) break; // wrapped past the last link: no trap
    if (f.key === previous) {
      stuck++;
      console.error(`  focus did not move from ${f.label}`);
    }
    previous = f.key;
    seen.add(f.key);
    if (f.tag !== 'A' && f.tag !== 'SUMMARY') fail(`focus went to a ${f.tag}, not a link or a summary`);
    if (!f.visibleFocus) fail(`no visible focus style on ${f.label}`);
    if (!f.onScreen) fail(`focused element is not visible: ${f.label}`);
    if (!jumpTarget && f.href && /^#(doc-|d\d+-n)/.test(f.href)) jumpTarget = f.href;
  }
  console.log(`keyboard: focus moved through ${seen.size} links and summaries, one by one`);
  if (seen.size < Math.min(3, facts.links)) fail(`focus reached only ${seen.size} links`);
  if (stuck) fail('focus stayed on the same element after Tab (a trap)');
  if (jumpTarget) {
    // Focus that link again and follow it with Enter.
    await page.evaluate((h) => document.querySelector(`a[href="${h}"]`).focus(), jumpTarget);
    await page.keyboard.press('Enter');
    const hash = await page.evaluate(() => location.hash);
    if (hash !== jumpTarget) fail(`Enter on ${jumpTarget} went to "${hash}"`);
    else console.log(`keyboard: Enter on a link jumps to ${hash}`);
  }

  // 4. Reduced motion turns smooth scrolling off.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const behaviour = await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
  if (behaviour !== 'auto') fail(`scroll-behavior is "${behaviour}" with reduced motion`);
  await page.emulateMedia({ reducedMotion: 'no-preference' });

  // 5. Screenshot at desktop width, of the top of the page (the first screen: summary and
  // the first findings). A full-page shot of every fixture's findings timed out on a busy
  // 2-core machine, and nothing is asserted on it.
  await page.evaluate(() => {
    history.replaceState(null, '', location.pathname);
    window.scrollTo(0, 0);
    document.activeElement?.blur();
  });
  await page.screenshot({ path: shot, fullPage: false, timeout: 120_000 });
  console.log(`screenshot: ${shot}`);

  // 6. A phone width: no sideways scrolling, and axe again.
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  if (overflow > 1) fail(`on a 360px screen the page scrolls sideways by ${overflow}px`);
  await checkAxe('phone, 360px');
  await page.screenshot({ path: shot.replace(/\.png$/, '-narrow.png'), fullPage: true });
} finally {
  await browser.close();
}

if (failures.length) {
  console.error(`\n${failures.length} problem(s) found.`);
  process.exit(1);
}
console.log('\nOK: zero axe violations (WCAG 2 A/AA), keyboard and layout checks passed.');
