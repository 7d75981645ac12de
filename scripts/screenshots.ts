/**
 * `npm run screenshots`: the README pictures of a lesson card and a reflection card, as the
 * Microsoft 365 Agents Playground renders them.
 *
 * Starts the bot and the playground as the e2e test does (fresh database, free ports), opens the
 * playground's web page in Debian's Chromium through playwright-core, types in the compose box and
 * clicks the card button, and writes:
 *   docs/images/lesson-card.png         the first lesson, desktop width
 *   docs/images/reflection-card.png     its reflection card (first answer filled in)
 *   docs/images/lesson-card-phone.png   the same cards at phone width (see `phoneCss`)
 *   docs/images/reflection-card-phone.png
 *
 * Needs a Chromium-family browser, found (or installed from Debian's archive) by scripts/find-browser.ts;
 * `CHROMIUM_PATH` overrides. Works offline:
 * every request that is not to the local playground is aborted, so the page's CDN fonts are
 * replaced by the system's sans-serif.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { repoRoot, startPlaygroundStack, type PlaygroundStack } from '../tests/helpers/playground.js';
import { requireBrowser } from './find-browser.js';

const outDir = join(repoRoot, 'docs', 'images');
const desktop = { width: 1280, height: 900 };
/** Space around a message in the pictures, in CSS pixels. */
const margin = 12;

/**
 * The playground has no phone layout (below ~900 px it overlays its panels and cards keep their
 * 446 px width), so the phone pictures narrow the card itself to the width Teams mobile gives a card
 * on a 390–420 px screen; the Adaptive Card renderer reflows it as it would there.
 */
const phoneCss = [
  '[data-screenshot] .ac-preview-panel, [data-screenshot] .ac-adaptiveCard { width: 316px !important; max-width: 316px !important; }',
  '[data-screenshot] .fai-OutputCard, [data-screenshot] .fai-OutputCard > div { width: fit-content !important; }',
].join('\n');

/** Hides every message bubble but the one being photographed, so no neighbour shows at the edges. */
const isolateCss = '.fai-OutputCard { visibility: hidden; } [data-screenshot] .fai-OutputCard { visibility: visible; }';

/** The few DOM members the page functions below use (the project compiles without the DOM lib). */
type DomElement = {
  readonly innerText?: string;
  readonly parentElement: DomElement | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  remove(): void;
  blur(): void;
};

/** Types a message in the compose box and sends it with Enter. */
async function send(page: Page, text: string): Promise<void> {
  const compose = page.locator('[contenteditable=true][role=textbox]');
  await compose.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The whole message (avatar, sender, time and card) around the last card that contains `text`. */
async function messageWith(page: Page, text: string, botName: string, mark: string): Promise<Locator> {
  const card = page.locator('.ac-adaptiveCard', { hasText: text }).last();
  await card.waitFor();
  await page.locator('[data-screenshot]').evaluateAll((marked) => marked.forEach((element) => (element as unknown as DomElement).removeAttribute('data-screenshot')));
  await card.evaluate(
    (element, { botName, mark }) => {
      const start = element as unknown as DomElement;
      let node: DomElement | null = start;
      while (node && !(node.innerText ?? '').startsWith(botName)) node = node.parentElement;
      (node ?? start).setAttribute('data-screenshot', mark);
    },
    { botName, mark },
  );
  return page.locator(`[data-screenshot="${mark}"]`);
}

/** Saves the message as a PNG, with the viewport made tall enough to show all of it. */
async function shoot(page: Page, message: Locator, file: string): Promise<void> {
  const isolate = await page.addStyleTag({ content: isolateCss });
  const height = (await message.boundingBox())?.height ?? desktop.height;
  await page.setViewportSize({ width: desktop.width, height: Math.max(desktop.height, Math.ceil(height) + 260) });
  await message.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0); // no button in a hover state
  await page.waitForTimeout(300);
  const box = await message.boundingBox();
  if (!box) throw new Error(`${file}: the message is not visible`);
  const path = join(outDir, file);
  await page.screenshot({
    path,
    clip: { x: Math.max(0, box.x - margin), y: Math.max(0, box.y - margin), width: box.width + 2 * margin, height: box.height + 2 * margin },
  });
  await isolate.evaluate((element) => (element as unknown as DomElement).remove());
  process.stdout.write(`  ${relative(repoRoot, path)} (${Math.round(box.width + 2 * margin)}×${Math.round(box.height + 2 * margin)} CSS px)\n`);
}

/** Saves the message at desktop width and, narrowed by {@link phoneCss}, at phone width. */
async function shootBoth(page: Page, message: Locator, name: string): Promise<void> {
  await shoot(page, message, `${name}.png`);
  const style = await page.addStyleTag({ content: phoneCss });
  await page.waitForTimeout(300);
  await shoot(page, message, `${name}-phone.png`);
  await style.evaluate((element) => (element as unknown as DomElement).remove());
  await page.setViewportSize(desktop);
}

async function main(): Promise<void> {
  const chromiumPath = requireBrowser();
  mkdirSync(outDir, { recursive: true });
  let stack: PlaygroundStack | undefined;
  let context: BrowserContext | undefined;
  const userDataDir = mkdtempSync(join(tmpdir(), 'laerekraft-chromium-'));
  try {
    stack = await startPlaygroundStack({ logLevel: 'warn' });
    const botName = 'Lærekraft';
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: desktop,
      deviceScaleFactor: 2,
      locale: 'nb-NO',
      timezoneId: 'Europe/Oslo',
    });
    // Offline by design: only the local playground is reachable.
    const local = new URL(stack.playground.url);
    await context.route(
      (url) => url.hostname !== local.hostname && url.hostname !== 'localhost',
      (route) => route.abort(),
    );
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
    await page.goto(stack.playground.url);

    // Opening the page opens the personal chat, which installs the app: the welcome card (in
    // English, as the playground's locale is en-US) shows that the bot is connected.
    await page.locator('[contenteditable=true][role=textbox]').waitFor();
    const hideLog = page.getByTitle('Hide log panel');
    if (await hideLog.isVisible()) await hideLog.click();
    await page.locator('.ac-adaptiveCard', { hasText: 'Welcome to Lærekraft' }).waitFor();

    await send(page, 'språk nb');
    await page.locator('.ac-adaptiveCard', { hasText: 'Fra nå av skriver jeg bokmål' }).waitFor();
    await send(page, 'start');
    process.stdout.write('Saving:\n');
    const lesson = await messageWith(page, 'Leksjon 1 av 8', botName, 'lesson');
    await shootBoth(page, lesson, 'lesson-card');

    await lesson.getByRole('button', { name: 'Jeg har lest' }).click();
    const reflection = await messageWith(page, 'Hva leste du?', botName, 'reflection');
    const firstAnswer = reflection.locator('textarea').first();
    await firstAnswer.fill('At bærekraft har tre dimensjoner – miljømessig, sosial og økonomisk – som må ses i sammenheng.');
    await firstAnswer.evaluate((element) => (element as unknown as DomElement).blur());
    await shootBoth(page, reflection, 'reflection-card');
  } catch (error) {
    if (stack) process.stderr.write(`${stack.logs()}\n`);
    throw error;
  } finally {
    await context?.close();
    rmSync(userDataDir, { recursive: true, force: true });
    await stack?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
