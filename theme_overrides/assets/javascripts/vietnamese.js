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
