// Small text helpers with no dependencies; every export has a doc comment that scripts/docs.mjs turns into docs/API.md.

/**
 * Turns text into a URL-safe slug: lower case ASCII letters and digits, words joined by "-".
 * Accents are dropped ("Crème brûlée" becomes "creme-brulee").
 * @param {string} text
 * @returns {string}
 */
export function slugify(text) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Capitalises the first letter of every word and lower-cases the rest.
 * @param {string} text
 * @returns {string}
 */
export function titleCase(text) {
  return text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, before, letter) => before + letter.toUpperCase());
}

/**
 * Shortens text to at most max characters, ending with the ellipsis when it had to cut.
 * @param {string} text
 * @param {number} max a non-negative integer
 * @param {string} [ellipsis='…']
 * @returns {string}
 */
export function truncate(text, max, ellipsis = '…') {
  if (!Number.isInteger(max) || max < 0) throw new RangeError('max must be a non-negative integer, got ' + max);
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return ellipsis.slice(0, max);
  return text.slice(0, max - ellipsis.length).trimEnd() + ellipsis;
}

/**
 * Counts the words in text: runs of letters, digits and apostrophes.
 * @param {string} text
 * @returns {number}
 */
export function wordCount(text) {
  return (text.match(/[\p{L}\p{N}']+/gu) ?? []).length;
}
