/**
 * The printable poster of a service (A4 PDF): the published service-delivery components,
 * the unit's maklumat, and two QR codes — the unit's satisfaction survey and the complaint
 * form. Built with pdfkit's standard fonts (no font files) and qrcode (PNG in memory).
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { t, type Locale, type MessageKey } from '../../../shared/i18n/index.js';
import { markupToPlain } from '../../../shared/schemas/standards-markup.js';
import type { TSdComponents } from '../../../shared/schemas/standards.js';

export interface PosterInput {
  locale: Locale;
  tenantName: string;
  serviceName: string;
  unitName: string;
  opdName: string;
  components: TSdComponents | null;
  decree: { number: string | null; date: string | null } | null;
  maklumat: { body: string; signerName: string | null; signerTitle: string | null } | null;
  surveyUrl: string;
  complaintUrl: string;
}

const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;

/** pdfkit's standard fonts are WinAnsi: characters outside it are replaced, never garbled. */
function ansi(s: string): string {
  return s.replace(/[^\n\t\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g, '?');
}

export async function renderPoster(p: PosterInput): Promise<Buffer> {
  const tr = (key: string, params?: Record<string, string | number>) => t(p.locale, key as MessageKey, params);
  const [surveyQr, complaintQr] = await Promise.all([
    QRCode.toBuffer(p.surveyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' }),
    QRCode.toBuffer(p.complaintUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' }),
  ]);
  const doc = new PDFDocument({ size: 'A4', margin: 42, info: { Title: ansi(`${tr('standards.poster.title')} — ${p.serviceName}`), Author: ansi(p.tenantName) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 84;

  doc.font('Helvetica').fontSize(10).fillColor('#555').text(ansi(`${p.tenantName} · ${p.opdName}`), { width });
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(13).fillColor('#0b4f6c').text(ansi(tr('standards.poster.title')));
  doc.font('Helvetica-Bold').fontSize(20).fillColor('#000').text(ansi(p.serviceName), { width });
  doc.font('Helvetica').fontSize(11).fillColor('#333').text(ansi(p.unitName), { width });
  if (p.decree?.number && p.decree.date) doc.fontSize(9).fillColor('#555').text(ansi(tr('standards.poster.decree', { number: p.decree.number, date: p.decree.date })));
  doc.moveDown(0.6);

  const heading = (key: string) => doc.moveDown(0.4).font('Helvetica-Bold').fontSize(11.5).fillColor('#0b4f6c').text(ansi(tr(key)), { width });
  const body = (s: string) => doc.font('Helvetica').fontSize(10).fillColor('#000').text(ansi(s), { width });
  const c = p.components;
  if (!c) body(tr('standards.poster.notPublished'));
  else {
    if (c.persyaratan?.length) { heading('standards.component.persyaratan'); body(c.persyaratan.map((s, i) => `${i + 1}. ${s}`).join('\n')); }
    if (c.prosedur?.length) { heading('standards.component.prosedur'); body(c.prosedur.map((s, i) => `${i + 1}. ${s}`).join('\n')); }
    if (c.jangka_waktu) { heading('standards.component.jangka_waktu'); body(tr(`standards.timeUnit.${c.jangka_waktu.unit}`, { n: c.jangka_waktu.value })); }
    if (c.biaya) {
      heading('standards.component.biaya');
      body(`${c.biaya.kind === 'gratis' ? tr('standards.free') : rupiah(c.biaya.amount)}\n${tr('standards.legalBasis', { text: c.biaya.legalBasis })}`);
    }
    if (c.produk?.length) { heading('standards.component.produk'); body(c.produk.map((s) => `• ${s}`).join('\n')); }
    if (c.penanganan_pengaduan?.length) {
      heading('standards.component.penanganan_pengaduan');
      body(c.penanganan_pengaduan.map((ch) => `• ${tr(`standards.channel.${ch.type}`)}: ${ch.value}`).join('\n'));
    }
  }
  if (p.maklumat) {
    heading('standards.poster.maklumat');
    body(markupToPlain(p.maklumat.body));
    if (p.maklumat.signerName) doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).text(ansi([p.maklumat.signerTitle, p.maklumat.signerName].filter(Boolean).join(', ')), { width });
  }

  // The QR codes: at the foot of the page, or on a new page when the text ran long.
  const qrSize = 110;
  // Label and link (one line each) stay above the bottom margin: pdfkit starts a new page
  // for any text that would cross it.
  const footer = 40;
  if (doc.y > doc.page.height - 42 - qrSize - footer - 10) doc.addPage();
  const top = doc.page.height - 42 - qrSize - footer;
  const left = 42;
  const right = doc.page.width - 42 - qrSize;
  doc.image(surveyQr, left, top, { width: qrSize });
  doc.image(complaintQr, right, top, { width: qrSize });
  doc.font('Helvetica-Bold').fontSize(9).fillColor('#000');
  doc.text(ansi(tr('standards.poster.survey')), left, top + qrSize + 4, { width: qrSize + 60 });
  doc.text(ansi(tr('standards.poster.complaint')), right - 60, top + qrSize + 4, { width: qrSize + 60, align: 'right' });
  doc.font('Helvetica').fontSize(7).fillColor('#555');
  const linkWidth = (doc.page.width - 84) / 2 - 10;
  doc.text(ansi(p.surveyUrl), left, top + qrSize + 16, { width: linkWidth, lineBreak: false, ellipsis: true });
  doc.text(ansi(p.complaintUrl), doc.page.width - 42 - linkWidth, top + qrSize + 16, { width: linkWidth, align: 'right', lineBreak: false, ellipsis: true });
  doc.end();
  return done;
}
