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

/**
 * The course certificate as a PDF (A4, tagged, with title and language), in the certificate's language.
 * @remarks The standard Helvetica fonts are WinAnsi encoded: æ, ø, å and the other Western European letters print;
 * letters outside WinAnsi (e.g. some Northern Sami ones) do not.
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
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const block = (tag: string, draw: () => void) => root.add(doc.struct(tag, {}, draw));
  block('H1', () => doc.font('Helvetica-Bold').fontSize(30).fillColor('#1b5e20').text(t('certificate.heading'), { align: 'center' }));
  doc.moveDown(1.5);
  block('P', () => doc.font('Helvetica').fontSize(14).fillColor('#000000').text(t('certificate.certifies'), { align: 'center' }));
  doc.moveDown(0.5);
  if (name.trim() !== '') block('P', () => doc.font('Helvetica-Bold').fontSize(22).text(name.trim(), { align: 'center' }));
  doc.moveDown(0.5);
  block('P', () => doc.font('Helvetica').fontSize(14).text(t('certificate.completed'), { align: 'center' }));
  doc.moveDown(0.5);
  block('H2', () => doc.font('Helvetica-Bold').fontSize(18).text(content.courseTitle, { align: 'center' }));
  doc.moveDown(1.5);
  block('H3', () => doc.font('Helvetica-Bold').fontSize(12).text(t('certificate.lessons', { count: content.lessons.length })));
  doc.moveDown(0.3);
  const list = doc.struct('L');
  root.add(list);
  content.lessons.forEach((lesson, index) => {
    list.add(doc.struct('LI', {}, () => doc.font('Helvetica').fontSize(12).text(`${index + 1}. ${lesson}`)));
  });
  list.end();
  doc.moveDown(1.5);
  block('P', () => doc.font('Helvetica').fontSize(12).text(t('certificate.date', { date: longDate(content.completedOn, content.language) })));
  doc.moveDown(0.5);
  block('P', () => doc.font('Helvetica-Oblique').fontSize(10).fillColor('#555555').text(t('certificate.issuer')));
  root.end();
  doc.end();
  return done;
}
