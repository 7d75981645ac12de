import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { legalLanguages, legalSource, pickLegalLanguage, renderLegalMarkdown } from '../../bot/http/legal-pages.js';
import { startApp, type RunningApp } from '../helpers/app-harness.js';
import { launchChromium, skipWithoutBrowser, wcagViolations } from '../helpers/tab-browser.js';

// The callback passed to page.evaluate runs in the browser; the project compiles without the DOM lib.
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

describe('privacy statement and terms pages', function () {
  this.timeout(60_000);

  describe('language choice', function () {
    it('lets ?lang= win, then Accept-Language by q-value, then Bokmål', function () {
      assert.equal(pickLegalLanguage('en', 'nn-NO'), 'en');
      assert.equal(pickLegalLanguage('xx', 'nn-NO,nb;q=0.8'), 'nn');
      assert.equal(pickLegalLanguage(undefined, 'en-GB;q=0.5, nn;q=0.9'), 'nn');
      assert.equal(pickLegalLanguage(undefined, 'no'), 'nb');
      assert.equal(pickLegalLanguage(undefined, 'de-DE, fr;q=0.9'), 'nb');
      assert.equal(pickLegalLanguage(undefined, 'nn;q=0, en'), 'en');
      assert.equal(pickLegalLanguage(undefined, undefined), 'nb');
    });
  });

  describe('the renderer', function () {
    it('escapes text and keeps only https, mailto and relative links', function () {
      const html = renderLegalMarkdown('# A <b>title</b>\n\nText & [ok](https://example.no/a?b=1&c=2) [bad](javascript:alert) **bold** `code`\n\n- one\n- two');
      assert.match(html, /<h1>A &lt;b&gt;title&lt;\/b&gt;<\/h1>/);
      assert.match(html, /Text &amp; <a href="https:\/\/example\.no\/a\?b=1&amp;c=2">ok<\/a> bad <strong>bold<\/strong> <code>code<\/code>/);
      assert.doesNotMatch(html, /javascript:/);
      assert.match(html, /<ul>\n<li>one<\/li>\n<li>two<\/li>\n<\/ul>/);
    });

    it('has every document in every language, each with one h1, sections and the rights it must name', function () {
      for (const language of legalLanguages) {
        const privacy = renderLegalMarkdown(legalSource('privacy', language));
        const terms = renderLegalMarkdown(legalSource('terms', language));
        for (const html of [privacy, terms]) {
          assert.equal(html.match(/<h1>/g)?.length, 1, language);
          assert.ok((html.match(/<h2 id="/g)?.length ?? 0) >= 3, language);
        }
        assert.match(privacy, /datatilsynet\.no/, language);
        assert.match(privacy, /\{\{contact\}\}/, language);
      }
      assert.match(renderLegalMarkdown(legalSource('privacy', 'nb')), /Innsyn[\s\S]*Retting[\s\S]*Sletting[\s\S]*Protest/);
      assert.match(renderLegalMarkdown(legalSource('privacy', 'nn')), /Innsyn[\s\S]*Retting[\s\S]*Sletting[\s\S]*Protest/);
      assert.match(renderLegalMarkdown(legalSource('privacy', 'en')), /Access[\s\S]*Correction[\s\S]*Erasure[\s\S]*Objection/);
    });
  });

  describe('over HTTP', function () {
    let running: RunningApp | undefined;
    before(async function () {
      running = await startApp({ env: { PRIVACY_CONTACT: 'personvernombudet <personvern@kommune.no>', RETENTION_DAYS: '200' } });
    });
    after(async function () {
      await running?.close();
    });
    const get = (path: string, acceptLanguage?: string) =>
      fetch(`${running!.url}${path}`, { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} });

    it('serves /privacy in Nynorsk for Accept-Language nn-NO, as HTML with lang="nn"', async function () {
      const response = await get('/privacy', 'nn-NO,nn;q=0.9,en;q=0.5');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
      assert.equal(response.headers.get('content-language'), 'nn');
      assert.match(response.headers.get('vary') ?? '', /Accept-Language/i);
      const html = await response.text();
      assert.match(html, /^<!doctype html>\n<html lang="nn">/);
      assert.match(html, /<title>Personvernerklæring – Lærekraft<\/title>/);
      assert.match(html, /Kva Lærekraft lagrar om deg/);
      assert.doesNotMatch(html, /\b(ikke|hva|hvordan|hvorfor)\b/);
    });

    it('serves English for ?lang=en whatever the browser asks for', async function () {
      const html = await (await get('/privacy?lang=en', 'nn-NO')).text();
      assert.match(html, /<html lang="en">/);
      assert.match(html, /<h1>Privacy statement for Lærekraft<\/h1>/);
    });

    it('serves /terms in Bokmål by default and links every language and the other document', async function () {
      const response = await get('/terms');
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
      const html = await response.text();
      assert.match(html, /<html lang="nb">/);
      assert.match(html, /<h1>Vilkår for bruk av Lærekraft<\/h1>/);
      for (const language of legalLanguages) assert.match(html, new RegExp(`<a href="/terms\\?lang=${language}" hreflang="${language}" lang="${language}"`));
      assert.match(html, /<a href="\/terms\?lang=nb" hreflang="nb" lang="nb" aria-current="page">/);
      assert.match(html, /<a href="\/privacy\?lang=nb">Personvernerklæring<\/a>/);
    });

    it('has the landmarks, viewport and colour-scheme support a phone and dark mode need', async function () {
      const html = await (await get('/privacy?lang=nb')).text();
      for (const part of [/<meta name="viewport" content="width=device-width, initial-scale=1">/, /<header>/, /<nav aria-label="Språk">/, /<main id="main">/, /<footer>/, /prefers-color-scheme: dark/, /<a class="skip" href="#main">/]) {
        assert.match(html, part);
      }
      assert.equal(html.match(/<h1>/g)?.length, 1);
    });

    it('fills in the configured contact (escaped) and retention, leaving no placeholder', async function () {
      const html = await (await get('/privacy?lang=nb')).text();
      assert.match(html, /personvernombudet &lt;personvern@kommune\.no&gt;/);
      assert.doesNotMatch(html, /<personvern@/);
      assert.match(html, /slettes 200 dager etter/);
      assert.doesNotMatch(html, /\{\{/);
    });
  });

  describe('in a browser', function () {
    let running: RunningApp | undefined;
    let browser: Browser | undefined;
    before(async function () {
      skipWithoutBrowser(this, 'the privacy and terms pages in a browser');
      running = await startApp();
      browser = await launchChromium();
    });
    after(async function () {
      await browser?.close();
      await running?.close();
    });

    it('has no WCAG 2.1 A/AA violations (axe), light and dark, on a phone-sized screen', async function () {
      const problems: string[] = [];
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser!.newContext({ viewport: { width: 360, height: 740 }, colorScheme });
        const page = await context.newPage();
        for (const path of ['/privacy?lang=nb', '/privacy?lang=nn', '/privacy?lang=en', '/terms?lang=nb', '/terms?lang=nn', '/terms?lang=en']) {
          await page.goto(`${running!.url}${path}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (overflow > 0) problems.push(`${colorScheme} ${path}: scrolls sideways by ${overflow}px`);
          problems.push(...(await wcagViolations(page)).map((line) => `${colorScheme} ${path}: ${line}`));
        }
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  });
});
