/**
 * Shows standards rich text (standards-markup.ts) as React elements: text is always text
 * (React escapes it), links only for http(s)/mailto, opened without referrer or opener.
 */
import type { ReactNode } from 'react';
import { parseMarkup, type Inline } from '../../../shared/schemas/standards-markup.js';

function inline(nodes: Inline[], key = ''): ReactNode[] {
  return nodes.map((n, i) => {
    const k = `${key}${i}`;
    switch (n.t) {
      case 'text': return n.v;
      case 'b': return <strong key={k}>{inline(n.c, k)}</strong>;
      case 'i': return <em key={k}>{inline(n.c, k)}</em>;
      case 'a': return <a key={k} href={n.href} rel="noopener noreferrer nofollow" target="_blank">{inline(n.c, k)}</a>;
    }
  });
}

export function Markup({ text }: { text: string }) {
  return (
    <>
      {parseMarkup(text).map((b, i) =>
        b.t === 'p' ? <p key={i}>{inline(b.c)}</p>
          : b.t === 'ul' ? <ul key={i}>{b.items.map((it, j) => <li key={j}>{inline(it)}</li>)}</ul>
            : <ol key={i}>{b.items.map((it, j) => <li key={j}>{inline(it)}</li>)}</ol>)}
    </>
  );
}
