/**
 * User text made safe for XML and HTML, as element content or as a quoted attribute value: the
 * markup characters are escaped, and characters XML 1.0 forbids (C0 controls other than tab and
 * line breaks, lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD, so that a name from a config
 * can neither inject markup nor make the document unreadable.
 */
export function xmlText(text: string): string {
  return stripInvalidXml(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// Control characters and lone surrogates are what this removes, so the pattern must name them.
/* eslint-disable no-control-regex */
const INVALID_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */

/** The text with every character XML 1.0 cannot carry replaced by U+FFFD. */
export function stripInvalidXml(text: string): string {
  return text.replace(INVALID_XML, '\ufffd');
}

/** One line of user text: line breaks and tabs folded into single spaces, ends trimmed. */
export function oneLine(text: string): string {
  return stripInvalidXml(text)
    .replace(/[\t\r\n\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}
