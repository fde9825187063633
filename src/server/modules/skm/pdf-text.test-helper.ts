/** Test helper: the text drawn in a pdfkit PDF (inflates the content streams, decodes the hex strings of TJ/Tj). */
import zlib from 'node:zlib';

export function pdfText(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    let body: string;
    try {
      body = zlib.inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      body = s.slice(start, end);
    }
    for (const line of body.split('\n')) {
      if (!/T[Jj]\s*$/.test(line)) continue;
      const hex = [...line.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join('');
      out.push(hex);
    }
    re.lastIndex = end + 'endstream'.length;
  }
  return out.join('\n');
}
