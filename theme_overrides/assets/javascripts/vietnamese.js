// JavaScript port of the Vietnamese text rules in generator/vietnamese.py that the browser
// needs. tests/test_search_browser.py runs both on the same strings in Chromium and checks
// that they agree; change them together.

/** Text in Unicode NFC, the form every stored string uses. */
export function nfc(text) {
  return text.normalize("NFC");
}

/** Fold for matching: lower case, no tone or vowel marks, đ → d, NFC or NFD alike. */
export function fold(text) {
  return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
}

// generator/vietnamese.py: _OTHER_PLACEMENT. In NFD: o/u, then a/e/y carrying the tone mark,
// at the end of a word; "qu" + y is a consonant and a vowel (quý), not the glide "uy".
// [\p{L}\p{N}_] is what Python's \w matches.
const OTHER_PLACEMENT = /(?<![qQ])([oO][aAeE]|[uU][yY])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}\p{N}_])/gu;

/** One tone placement for "oa", "oe", "uy" ending a word: hoà → hòa, thuỷ → thủy (NFC out). */
export function canonicalTones(text) {
  return text.normalize("NFD").replace(OTHER_PLACEMENT, (_, pair, tone) => pair[0] + tone + pair[1]).normalize("NFC");
}
