// A strict reader for the subset of XML the coverage map uses (a declaration, comments, elements,
// attributes, text and entity references), so that a test can check the map is well-formed and
// look inside it without adding an XML parser to the project. Anything outside the subset
// (DOCTYPE, CDATA, processing instructions after the start) is refused rather than skipped.

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own text, entities decoded, children's text left out. */
  text: string;
}

const NAME = /[A-Za-z_:][\w.:-]*/y;
const SPACE = /[ \t\r\n]*/y;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/y;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export class XmlError extends Error {}

/** Parses a whole document; throws `XmlError` naming the offset of the first fault. */
export function parseXml(source: string): XmlElement {
  let at = 0;
  const fail = (message: string): never => {
    throw new XmlError(`${message} at offset ${at}: ${JSON.stringify(source.slice(at, at + 40))}`);
  };
  const match = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    const found = pattern.exec(source);
    if (!found) return undefined;
    at += found[0].length;
    return found[0];
  };
  const skipSpace = () => match(SPACE);
  const expect = (literal: string) => {
    if (!source.startsWith(literal, at)) fail(`expected ${JSON.stringify(literal)}`);
    at += literal.length;
  };

  /** Text up to `stop`, entities checked and decoded; `<` is never allowed in it. */
  const readText = (stop: string): string => {
    let out = '';
    while (at < source.length && !source.startsWith(stop, at)) {
      const char = source[at]!;
      if (char === '<') fail('a bare < in text');
      if (char === '&') {
        const entity = match(ENTITY) ?? fail('a bare & (not an entity reference)');
        const body = entity.slice(1, -1);
        out += body.startsWith('#x')
          ? String.fromCodePoint(parseInt(body.slice(2), 16))
          : body.startsWith('#')
            ? String.fromCodePoint(Number(body.slice(1)))
            : NAMED[body];
        continue;
      }
      out += char;
      at += 1;
    }
    return out;
  };

  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith('<!--', at)) {
        const end = source.indexOf('-->', at + 4);
        if (end < 0) fail('an unclosed comment');
        at = end + 3;
      } else return;
    }
  };

  const readElement = (): XmlElement => {
    expect('<');
    const name = match(NAME) ?? fail('an element name');
    const attributes: Record<string, string> = {};
    for (;;) {
      const spaced = (skipSpace() ?? '').length > 0;
      if (source.startsWith('/>', at) || source.startsWith('>', at)) break;
      if (!spaced) fail('a space before an attribute');
      const attribute = match(NAME) ?? fail('an attribute name');
      if (attribute in attributes) fail(`the attribute ${attribute} twice`);
      skipSpace();
      expect('=');
      skipSpace();
      const quote = source[at];
      if (quote !== '"' && quote !== "'") fail('a quoted attribute value');
      at += 1;
      attributes[attribute] = readText(quote!);
      expect(quote!);
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    if (source.startsWith('/>', at)) {
      at += 2;
      return element;
    }
    expect('>');
    for (;;) {
      element.text += readText('<');
      if (at >= source.length) fail(`an unclosed <${name}>`);
      if (source.startsWith('</', at)) {
        at += 2;
        const closing = match(NAME);
        if (closing !== name) fail(`</${name}>`);
        skipSpace();
        expect('>');
        return element;
      }
      if (source.startsWith('<!--', at)) {
        skipMisc();
        continue;
      }
      if (source.startsWith('<!', at) || source.startsWith('<?', at)) fail('markup outside the supported subset');
      element.children.push(readElement());
    }
  };

  if (source.startsWith('<?xml', at)) {
    const end = source.indexOf('?>', at);
    if (end < 0) fail('an unclosed XML declaration');
    at = end + 2;
  }
  skipMisc();
  if (source.startsWith('<!', at)) fail('markup outside the supported subset');
  const root = readElement();
  skipMisc();
  if (at < source.length) fail('content after the root element');
  return root;
}

/** Every element below `root` (itself included) that passes `test`, in document order. */
export function findAll(root: XmlElement, test: (element: XmlElement) => boolean): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (element: XmlElement) => {
    if (test(element)) found.push(element);
    element.children.forEach(visit);
  };
  visit(root);
  return found;
}
