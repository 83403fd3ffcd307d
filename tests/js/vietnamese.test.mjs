// Unit tests of the search box's Vietnamese rules (theme_overrides/assets/javascripts/vietnamese.js),
// run with `node --test tests/js/` by tests/test_js.py, and by Stryker in `make mutation-js`.
// tests/test_search_browser.py checks in Chromium that they agree with generator/vietnamese.py.
import assert from "node:assert/strict";
import { test } from "node:test";

import { canonicalTones, fold, nfc } from "../../theme_overrides/assets/javascripts/vietnamese.js";

const nfd = (text) => text.normalize("NFD");

test("fold drops case, tones and vowel marks and turns đ into d", () => {
  assert.equal(fold("Đảng viên TRẺ"), "dang vien tre");
  assert.equal(fold("Dân vận khéo"), "dan van kheo");
  assert.equal(fold("ĂÂÊÔƠƯ ăâêôơư"), "aaeoou aaeoou");
  assert.equal(fold("đường Đồng Đăng"), "duong dong dang");
});

test("fold reads NFC and NFD spellings alike", () => {
  assert.equal(fold(nfd("Thủy lợi nội đồng")), "thuy loi noi dong");
  assert.equal(fold("hoà giải"), fold("hòa giải"));
});

test("fold keeps what is not a mark: digits, punctuation, spaces", () => {
  assert.equal(fold("Quảng Trị, 2024: 5 điều"), "quang tri, 2024: 5 dieu");
});

test("nfc composes decomposed text and leaves composed text alone", () => {
  assert.equal(nfc(nfd("Gương sáng")), "Gương sáng");
  assert.equal(nfc(nfd("Gương sáng")).length, "Gương sáng".length);
  assert.notEqual(nfd("Gương sáng").length, "Gương sáng".length);
});

test("canonicalTones moves the tone of a final oa, oe, uy onto the o or u, for every tone", () => {
  assert.equal(canonicalTones("hoà giải, thuỷ lợi, sức khoẻ, uỷ ban, toạ đàm"), "hòa giải, thủy lợi, sức khỏe, ủy ban, tọa đàm");
  assert.equal(canonicalTones("hoá hoả hoã hoạ hoà"), "hóa hỏa hõa họa hòa");
  assert.equal(canonicalTones("Hoà THUỶ OÀ xoè"), "Hòa THỦY ÒA xòe");
});

test("canonicalTones leaves qu + y, glides inside a word and canonical spellings alone", () => {
  assert.equal(canonicalTones("quý QUÝ quỳ"), "quý QUÝ quỳ");
  assert.equal(canonicalTones("hoàng Khuỷu hoà3 hoà_x"), "hoàng Khuỷu hoà3 hoà_x");
  assert.equal(canonicalTones("hòa thủy ủy quả"), "hòa thủy ủy quả");
});

test("canonicalTones ends a word at punctuation and reads NFD, giving NFC", () => {
  assert.equal(canonicalTones("hoà-bình (thuỷ)."), "hòa-bình (thủy).");
  assert.equal(canonicalTones(nfd("Hoà thuỷ")), "Hòa thủy");
  assert.equal(canonicalTones(nfd("Hoà thuỷ")).length, "Hòa thủy".length);
});
