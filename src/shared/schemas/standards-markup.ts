/**
 * The rich text of standards (management components, maklumat): a small Markdown subset
 * parsed into a tree of allowed nodes. Nothing in the text is ever interpreted as HTML:
 * the web client renders the tree as React elements (text is escaped by React), the
 * poster prints plain text. So markup like <script> or onerror= stays visible text.
 * Links are kept only for http(s) and mailto addresses; any other scheme becomes text.
 * ADR 0019.
 *
 * Grammar (line based): blank line = paragraph break; "- " or "* " = bullet item;
 * "1. " = numbered item; inline **bold**, *italic*, [label](url).
 */

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'b'; c: Inline[] }
  | { t: 'i'; c: Inline[] }
  | { t: 'a'; href: string; c: Inline[] };

export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'ul'; items: Inline[][] }
  | { t: 'ol'; items: Inline[][] };

const SAFE_HREF = /^(https?:\/\/[^\s<>"'`]+|mailto:[^\s<>"'`@]+@[^\s<>"'`]+)$/i;

/** True for link targets the renderer may use. */
export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href.trim());
}

/** Removes control and bidirectional-override characters (kept: newline and tab). */
export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

export function parseInline(s: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push({ t: 'text', v: buf });
    buf = '';
  };
  let i = 0;
  while (i < s.length) {
    if (depth < 3 && s.startsWith('**', i)) {
      const end = s.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ t: 'b', c: parseInline(s.slice(i + 2, end), depth + 1) });
        i = end + 2;
        continue;
      }
    }
    if (depth < 3 && s[i] === '*' && s[i + 1] !== '*' && s[i + 1] !== ' ') {
      const end = s.indexOf('*', i + 1);
      if (end > i + 1 && s[end + 1] !== '*') {
        flush();
        out.push({ t: 'i', c: parseInline(s.slice(i + 1, end), depth + 1) });
        i = end + 1;
        continue;
      }
    }
    if (depth < 3 && s[i] === '[') {
      const m = /^\[([^\]\n]{1,300})\]\(([^)\s]{1,2000})\)/.exec(s.slice(i));
      if (m) {
        if (isSafeHref(m[2]!)) {
          flush();
          out.push({ t: 'a', href: m[2]!.trim(), c: parseInline(m[1]!, depth + 1) });
        } else {
          // An unsafe target: keep only the label, as text.
          buf += m[1];
        }
        i += m[0].length;
        continue;
      }
    }
    buf += s[i];
    i++;
  }
  flush();
  return out;
}

/** Parses the text into blocks. Always succeeds; anything unrecognised is text. */
export function parseMarkup(text: string): Block[] {
  const lines = cleanText(text).split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { t: 'ul' | 'ol'; items: Inline[][] } | null = null;
  const endPara = () => {
    if (para.length) blocks.push({ t: 'p', c: parseInline(para.join(' ')) });
    para = [];
  };
  const endList = () => {
    if (list) blocks.push(list);
    list = null;
  };
  for (const raw of lines) {
    const line = raw.trim();
    const bullet = /^[-*]\s+(.*)$/.exec(line);
    const numbered = /^\d{1,3}[.)]\s+(.*)$/.exec(line);
    if (!line) {
      endPara();
      endList();
    } else if (bullet || numbered) {
      endPara();
      const kind = bullet ? 'ul' : 'ol';
      if (list && (list as { t: string }).t !== kind) endList();
      list ??= { t: kind, items: [] };
      (list as { items: Inline[][] }).items.push(parseInline((bullet ?? numbered)![1]!));
    } else {
      endList();
      para.push(line);
    }
  }
  endPara();
  endList();
  return blocks;
}

function inlineText(c: Inline[]): string {
  return c.map((n) => (n.t === 'text' ? n.v : n.t === 'a' ? `${inlineText(n.c)} (${n.href})` : inlineText(n.c))).join('');
}

/** Plain text (posters, audit): lists as "• " / "1. " lines, paragraphs separated by a blank line. */
export function markupToPlain(text: string): string {
  return parseMarkup(text)
    .map((b) => (b.t === 'p' ? inlineText(b.c) : b.items.map((it, n) => `${b.t === 'ul' ? '•' : `${n + 1}.`} ${inlineText(it)}`).join('\n')))
    .join('\n\n');
}

/** True when the text has something to show once parsed. */
export function hasContent(text: string | null | undefined): boolean {
  return !!text && markupToPlain(text).trim().length > 0;
}
