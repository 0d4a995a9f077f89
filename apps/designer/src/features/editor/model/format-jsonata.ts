import { generateMapping, parseMapping } from '../../canvas/model/jsonata-mapping';

/**
 * Formatting: a mapping that is an object constructor is re-laid out one field per line (the text around the
 * object untouched); a single-field expression only loses runs of spaces outside strings and comments.
 */
export function formatJsonata(text: string, wholeMapping: boolean): string {
  if (wholeMapping) {
    const parsed = parseMapping(text);
    return parsed.ok ? generateMapping(parsed.model) : text;
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`' || (c === '/' && text[i + 1] === '*')) {
      const closeToken = c === '/' ? '*/' : c;
      let j = i + 1;
      while (j < text.length && !text.startsWith(closeToken, j)) j += text[j] === '\\' && c !== '/' ? 2 : 1;
      j += closeToken.length;
      out += text.slice(i, j);
      i = j;
    } else if (c === ' ' || c === '\t') {
      if (!out.endsWith(' ') && !out.endsWith('\n')) out += ' ';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out.trim();
}
