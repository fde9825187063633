/**
 * A small XML writer for the Open311 GeoReport v2 documents: one root element, nested
 * elements only (the spec uses no attributes), text escaped. Characters XML 1.0 cannot
 * carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped, so a
 * report with naughty text still yields a well-formed document.
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** A value the writer can render: scalars become text, objects child elements, arrays repeated items. */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for element content and attribute values (&, <, >, ", '). */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(tag: string, value: XmlValue, itemTags: Readonly<Record<string, string>>): string {
  if (!NAME.test(tag)) throw new Error(`invalid XML element name: ${tag}`);
  if (value === null || value === undefined) return `<${tag}></${tag}>`;
  if (Array.isArray(value)) {
    const itemTag = itemTags[tag];
    if (!itemTag) throw new Error(`no item element name for list <${tag}>`);
    return `<${tag}>${value.map((v) => element(itemTag, v, itemTags)).join('')}</${tag}>`;
  }
  if (typeof value === 'object') {
    return `<${tag}>${Object.entries(value).map(([k, v]) => element(k, v, itemTags)).join('')}</${tag}>`;
  }
  return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

/**
 * A whole document: the declaration and one root element. `itemTags` names the element of
 * each list's items, e.g. {services: 'service', attributes: 'attribute'}.
 */
export function toXmlDocument(root: string, value: XmlValue, itemTags: Readonly<Record<string, string>> = {}): string {
  return XML_DECLARATION + element(root, value, itemTags);
}

/**
 * A minimal well-formedness check (used by the conformance tests): one declaration, one
 * root, every tag closed in order, no stray '<' or unknown entity in text. Returns the
 * root element name, or throws with the reason.
 */
export function checkWellFormed(xml: string): string {
  if (!xml.startsWith(XML_DECLARATION)) throw new Error('missing XML declaration');
  const body = xml.slice(XML_DECLARATION.length);
  const token = /<\/?([A-Za-z_][A-Za-z0-9_.-]*)\s*(\/?)>|([^<]+)/gy;
  const stack: string[] = [];
  let root: string | null = null;
  let pos = 0;
  let m: RegExpExecArray | null;
  while (pos < body.length) {
    token.lastIndex = pos;
    m = token.exec(body);
    if (!m) throw new Error(`unexpected markup at ${pos}: ${body.slice(pos, pos + 30)}`);
    pos = token.lastIndex;
    if (m[3] !== undefined) {
      if (stack.length === 0) throw new Error('text outside the root element');
      const bad = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(m[3]);
      if (bad || m[3].includes('>')) throw new Error(`unescaped text: ${m[3].slice(0, 30)}`);
      continue;
    }
    const closing = m[0].startsWith('</');
    const selfClosing = m[2] === '/';
    if (!closing && stack.length === 0) {
      if (root !== null) throw new Error('more than one root element');
      root = m[1];
    }
    if (closing) {
      const open = stack.pop();
      if (open !== m[1]) throw new Error(`</${m[1]}> closes <${open}>`);
    } else if (!selfClosing) stack.push(m[1]);
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (!root) throw new Error('no root element');
  return root;
}
