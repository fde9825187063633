import { describe, expect, it } from 'vitest';
import { contentDisposition, presentAttachment } from './present.js';
import { safeFilename } from './service.js';

describe('contentDisposition', () => {
  it('gives an ASCII fallback without quotes or backslashes and the exact UTF-8 name', () => {
    expect(contentDisposition('foto.jpg')).toBe("inline; filename=\"foto.jpg\"; filename*=UTF-8''foto.jpg");
    expect(contentDisposition('a"b\\c.pdf')).toBe("inline; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%5Cc.pdf");
    expect(contentDisposition("Jalan rusak — ü (1)'.jpg")).toBe(
      "inline; filename=\"Jalan rusak _ _ (1)'.jpg\"; filename*=UTF-8''Jalan%20rusak%20%E2%80%94%20%C3%BC%20%281%29%27.jpg",
    );
    const header = contentDisposition('x\r\nSet-Cookie: a=b.png');
    expect(header).not.toMatch(/[\r\n]/);
  });
});

describe('safeFilename', () => {
  it('keeps the last path component without control or bidi characters, bounded in length', () => {
    expect(safeFilename('C:\\Users\\budi\\foto.jpg', 'image/jpeg')).toBe('foto.jpg');
    expect(safeFilename('../../etc/passwd.png', 'image/png')).toBe('passwd.png');
    expect(safeFilename('a\u0000b\u202Ec.pdf', 'application/pdf')).toBe('abc.pdf');
    expect(safeFilename('', 'image/webp')).toBe('lampiran.webp');
    expect(safeFilename('...', 'image/png')).toBe('lampiran.png');
    const long = safeFilename(`${'x'.repeat(400)}.jpeg`, 'image/jpeg');
    expect([...long].length).toBe(150);
    expect(long.endsWith('.jpeg')).toBe(true);
  });
});

describe('presentAttachment', () => {
  it('shows id, name, type and size only', () => {
    expect(presentAttachment({ id: 'i', filename: 'f.png', content_type: 'image/png', size_bytes: 3 })).toEqual({ id: 'i', filename: 'f.png', contentType: 'image/png', size: 3 });
  });
});
