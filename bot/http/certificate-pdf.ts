import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { CertificateContent } from '../core/certificate.js';
import { translator } from '../i18n/translator.js';

/** BCP 47 tags for the PDF's language entry. */
const pdfLanguage: Readonly<Record<string, string>> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

/** A date (YYYY-MM-DD) in words in the language, e.g. "7. desember 2026". */
function longDate(day: string, language: string): string {
  const date = new Date(`${day}T12:00:00.000Z`);
  return new Intl.DateTimeFormat(pdfLanguage[language] ?? 'nb-NO', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The certificate's fonts, by the name the document knows them by. */
const fontFiles = { regular: 'NotoSans_400Regular', bold: 'NotoSans_700Bold', italic: 'NotoSans_400Regular_Italic' } as const;
type FontName = keyof typeof fontFiles;

let fonts: Readonly<Record<FontName, Buffer>> | undefined;

/**
 * Noto Sans (SIL Open Font License, from the `@expo-google-fonts/noto-sans` package), read once: it has every letter
 * of Bokmål, Nynorsk, English and the Sami languages (á, č, đ, ŋ, š, ŧ, ž, ï, ä, ö, å, æ, ø), and of Latin, Greek and
 * Cyrillic names generally. The PDF embeds only the glyphs it uses.
 */
function certificateFonts(): Readonly<Record<FontName, Buffer>> {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const read = (file: string): Buffer => readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${file.replace('NotoSans_', '')}/${file}.ttf`));
    fonts = { regular: read(fontFiles.regular), bold: read(fontFiles.bold), italic: read(fontFiles.italic) };
  }
  return fonts;
}

/**
 * The course certificate as a PDF (A4, tagged, with title and language), in the certificate's language.
 * @remarks The text is set in an embedded Noto Sans (see {@link certificateFonts}): the standard PDF fonts are
 * WinAnsi encoded and cannot print a Sami name such as "Čuoŋŋa".
 */
export function certificatePdf(content: CertificateContent, name: string): Promise<Buffer> {
  const t = translator(content.language);
  const title = t('certificate.pdfTitle', { course: content.courseTitle });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 64,
    pdfVersion: '1.7',
    tagged: true,
    lang: pdfLanguage[content.language] ?? 'nb-NO',
    displayTitle: true,
    info: { Title: title, Author: 'Lærekraft', Subject: content.courseTitle, Creator: 'Lærekraft' },
  });
  for (const [name, file] of Object.entries(certificateFonts())) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const block = (tag: string, draw: () => void) => root.add(doc.struct(tag, {}, draw));
  block('H1', () => doc.font('bold').fontSize(30).fillColor('#1b5e20').text(t('certificate.heading'), { align: 'center' }));
  doc.moveDown(1.5);
  block('P', () => doc.font('regular').fontSize(14).fillColor('#000000').text(t('certificate.certifies'), { align: 'center' }));
  doc.moveDown(0.5);
  if (name.trim() !== '') block('P', () => doc.font('bold').fontSize(22).text(name.trim(), { align: 'center' }));
  doc.moveDown(0.5);
  block('P', () => doc.font('regular').fontSize(14).text(t('certificate.completed'), { align: 'center' }));
  doc.moveDown(0.5);
  block('H2', () => doc.font('bold').fontSize(18).text(content.courseTitle, { align: 'center' }));
  doc.moveDown(1.5);
  block('H3', () => doc.font('bold').fontSize(12).text(t('certificate.lessons', { count: content.lessons.length })));
  doc.moveDown(0.3);
  const list = doc.struct('L');
  root.add(list);
  content.lessons.forEach((lesson, index) => {
    list.add(doc.struct('LI', {}, () => doc.font('regular').fontSize(12).text(`${index + 1}. ${lesson}`)));
  });
  list.end();
  doc.moveDown(1.5);
  block('P', () => doc.font('regular').fontSize(12).text(t('certificate.date', { date: longDate(content.completedOn, content.language) })));
  doc.moveDown(0.5);
  block('P', () => doc.font('italic').fontSize(10).fillColor('#555555').text(t('certificate.issuer')));
  root.end();
  doc.end();
  return done;
}
