/**
 * QR codes of a unit's survey link (per counter, optionally per officer) as PNG and SVG
 * (package qrcode), and a printable A4/A5 poster (pdfkit, built-in Helvetica).
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { t, type Locale } from '../../../shared/i18n/index.js';

export async function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', width: 600, margin: 2, errorCorrectionLevel: 'M' });
}

export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

/** Collects a document's bytes; resolves once the caller has drawn everything and called doc.end(). */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export interface PosterInput {
  url: string;
  tenantName: string;
  unitName: string;
  opdName: string;
  counterName?: string | null;
  size: 'A4' | 'A5';
  locale: Locale;
}

export async function posterPdf(p: PosterInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: p.size, margin: p.size === 'A4' ? 50 : 36, info: { Title: `${t(p.locale, 'skm.poster.title')} — ${p.unitName}`, Author: p.tenantName } });
  const done = pdfToBuffer(doc);
  const scale = p.size === 'A4' ? 1 : 0.7;
  const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const x0 = doc.page.margins.left;
  doc.font('Helvetica').fontSize(12 * scale).fillColor('#444').text(p.tenantName, { align: 'center', width: w });
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(26 * scale).fillColor('#0b3d66').text(t(p.locale, 'skm.poster.title').toUpperCase(), { align: 'center', width: w });
  doc.moveDown(0.4).font('Helvetica-Bold').fontSize(18 * scale).fillColor('#000').text(p.unitName, { align: 'center', width: w });
  doc.font('Helvetica').fontSize(12 * scale).fillColor('#333').text(p.opdName, { align: 'center', width: w });
  if (p.counterName) doc.moveDown(0.2).font('Helvetica-Bold').fontSize(14 * scale).text(t(p.locale, 'skm.poster.counter', { name: p.counterName }), { align: 'center', width: w });
  const size = Math.min(w, 360 * scale);
  const y = doc.y + 20 * scale;
  doc.image(await qrPng(p.url), x0 + (w - size) / 2, y, { width: size, height: size });
  doc.y = y + size + 16 * scale;
  doc.font('Helvetica').fontSize(13 * scale).fillColor('#000').text(t(p.locale, 'skm.poster.call'), x0, doc.y, { align: 'center', width: w });
  doc.moveDown(0.6).font('Helvetica').fontSize(9 * scale).fillColor('#0b3d66').text(p.url, { align: 'center', width: w, link: p.url, underline: true });
  doc.end();
  return done;
}
