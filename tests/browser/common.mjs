// What the browser tests share: the headless Chromium they launch, how they collect
// failures, and how they run axe-core on a page.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2 A and AA rule tags: any violation of these fails a test. */
export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A list of failures and a function that adds one (and prints it at once). */
export function failures() {
  const list = [];
  const fail = (msg) => {
    list.push(msg);
    console.error(`FAIL: ${msg}`);
  };
  return { list, fail };
}

/** Headless Chromium ($CHROMIUM or /usr/bin/chromium), with no network of its own. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    timeout: 60_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Runs axe-core with the rules of `tags` on the page; returns passes and violations. */
export async function runAxe(page, tags) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (values) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values } });
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
        count: v.nodes.length,
      })),
    };
  }, tags);
}

/** Fails on any WCAG A/AA violation; prints best-practice findings without failing. */
export async function checkAxe(page, label, fail) {
  const r = await runAxe(page, WCAG);
  console.log(`axe (${label}): ${r.passes} rules passed, ${r.violations.length} violations`);
  for (const v of r.violations) {
    fail(`axe ${label}: ${v.id} (${v.impact}, ${v.count} elements): ${v.help}`);
    for (const n of v.nodes) console.error(`    ${n.replace(/\n/g, ' ')}`);
  }
  const bp = await runAxe(page, ['best-practice']);
  for (const v of bp.violations) {
    console.log(`  note (best practice, not fatal): ${v.id}: ${v.help} (${v.count} elements)`);
  }
}
