/* The search tokenizer, browser side: the twin of plugins/search_index/tokenize.py (read its docstring).
 * Both must give identical tokens for the same text; tests/unit/search_index/test_tokenizer_agreement.py
 * feeds the same strings through both. Strings are walked by code point (Array.from), never by UTF-16
 * unit, so characters outside the BMP count as one character here as in Python.
 * Loads as a classic script (window.GKSearchTokenize) and as a CommonJS module (Node tests, bench).
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.GKSearchTokenize = api;
  }
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const VERSION = 1;
  const HAN = '\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}\u{30000}-\u{323af}';
  const WORD = '0-9a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff';
  const SP = '[ \\t\\r\\n]*';
  const RUN = new RegExp('([' + HAN + ']+)|([' + WORD + ']+)', 'gu');
  const ALNUM = /[0-9a-z]/;
  const INDEX_NO = /[0-9a-z]{6,20}[/-]([0-9]{4,6}-[0-9]{3,8})/g;
  const SUFFIX = /[0-9]{4,6}-[0-9]{3,8}/g;
  const DOC_NO = new RegExp('[\\[(【〔]' + SP + '([0-9]{4})' + SP + '[\\])】〕]' + SP + '第?' + SP + '([0-9]{1,5})' +
    SP + '号', 'g');
  const ORDER_NO = new RegExp('令' + SP + '第' + SP + '([0-9]{1,5})' + SP + '号', 'g');
  const HAN_CHAR = new RegExp('^[' + HAN + ']$', 'u');
  const DOC_NO_PREFIX = 6;
  const ID_HINT = /[-[(【〔令]/;
  const ID_CHARS = /[[/-]/;

  /* A Map for the 繁→简 (or 简→繁) character map file {"from": "...", "to": "..."}. */
  function charMap(data) {
    const from = Array.from(data.from);
    const to = Array.from(data.to);
    const map = new Map();
    for (let i = 0; i < from.length; i += 1) map.set(from[i], to[i]);
    return map;
  }

  function mapChars(text, map) {
    if (!map || !map.size) return text;
    let out = '';
    for (const c of text) out += map.get(c) || c;
    return out;
  }

  function normalize(text, map) {
    return mapChars(String(text).normalize('NFKC'), map).toLowerCase();
  }

  function bounded(text, start, end) {
    return !((start > 0 && ALNUM.test(text[start - 1])) || (end < text.length && ALNUM.test(text[end])));
  }

  function* find(pattern, text) {
    let pos = 0;
    for (;;) {
      pattern.lastIndex = pos;
      const m = pattern.exec(text);
      if (m === null) return;
      const end = m.index + m[0].length;
      if (!bounded(text, m.index, end)) {
        pos = m.index + 1;
        continue;
      }
      yield m;
      pos = end;
    }
  }

  /* The Chinese character (one or two UTF-16 units) that ends at position end of norm, or ''. */
  function hanBefore(norm, end) {
    const pair = end > 1 && /[\udc00-\udfff]/.test(norm[end - 1]) && /[\ud800-\udbff]/.test(norm[end - 2]);
    const c = pair ? norm.slice(end - 2, end) : norm[end - 1];
    return end > 0 && HAN_CHAR.test(c) ? c : '';
  }

  /* The last DOC_NO_PREFIX Chinese characters before end, skipping spaces: a 文号's issuer code. */
  function issuer(norm, end) {
    let i = end;
    while (i > 0 && ' \t\r\n'.indexOf(norm[i - 1]) !== -1) i -= 1;
    const chars = [];
    let j = i;
    while (chars.length < DOC_NO_PREFIX) {
      const c = hanBefore(norm, j);
      if (!c) break;
      chars.unshift(c);
      j -= c.length;
    }
    return chars;
  }

  /* Matches of 文号: the year-bracketed ones, then 令 numbers (the order tokenize.py emits them), as
   * {m, tail}; tail is the token after the issuer code, e.g. '[2019]5号' or '令[]707号'. */
  function docNumbers(norm) {
    const out = [];
    DOC_NO.lastIndex = 0;
    let m;
    while ((m = DOC_NO.exec(norm)) !== null) out.push({ m, tail: '[' + m[1] + ']' + String(parseInt(m[2], 10)) + '号' });
    if (norm.indexOf('令') !== -1) {
      ORDER_NO.lastIndex = 0;
      while ((m = ORDER_NO.exec(norm)) !== null) out.push({ m, tail: '令[]' + String(parseInt(m[1], 10)) + '号' });
    }
    return out;
  }

  function identifiers(norm) {
    const out = [];
    for (const m of find(INDEX_NO, norm)) {
      out.push(m[0], m[1]);
    }
    for (const m of find(SUFFIX, norm)) {
      const end = m.index + m[0].length;
      if (!(m.index > 0 && '/-'.indexOf(norm[m.index - 1]) !== -1) && !(end < norm.length && norm[end] === '-')) {
        out.push(m[0]);
      }
    }
    for (const { m, tail } of docNumbers(norm)) {
      const code = issuer(norm, m.index);
      for (let n = code.length; n >= 0; n -= 1) out.push(code.slice(code.length - n).join('') + tail);
    }
    return out;
  }

  /* The identifiers a reader typed, with where they are in norm: a whole 索引号, a bare 索引号 suffix,
   * or a 文号 (its longest exact token). A query uses these instead of their parts (search-engine.js).
   * A 文号's span starts where its run of Chinese characters starts, so the part of a long issuer name
   * beyond the token's DOC_NO_PREFIX characters (海 of 海澄市人民政府令第15号) is not left over as a word. */
  function identifierSpans(norm) {
    const out = [];
    if (norm.indexOf('-') !== -1) {
      for (const m of find(INDEX_NO, norm)) out.push({ token: m[0], start: m.index, end: m.index + m[0].length });
      for (const m of find(SUFFIX, norm)) {
        const end = m.index + m[0].length;
        if (!(m.index > 0 && '/-'.indexOf(norm[m.index - 1]) !== -1) && !(end < norm.length && norm[end] === '-')) {
          out.push({ token: m[0], start: m.index, end });
        }
      }
    }
    for (const { m, tail } of docNumbers(norm)) {
      const text = issuer(norm, m.index).join('');
      let start = text ? norm.lastIndexOf(text, m.index) : m.index;
      for (let c = hanBefore(norm, start); text && c; c = hanBefore(norm, start)) start -= c.length;
      out.push({ token: text + tail, start, end: m.index + m[0].length });
    }
    return out;
  }

  /* Document tokens of text: words, then bigrams, then single characters, then identifiers, each
   * group in text order, duplicates kept. */
  function tokens(text, map, unigrams) {
    const norm = normalize(text, map);
    const words = [];
    const bigrams = [];
    const singles = [];
    RUN.lastIndex = 0;
    let m;
    while ((m = RUN.exec(norm)) !== null) {
      if (m[1] === undefined) {
        words.push(m[2]);
        continue;
      }
      const cs = Array.from(m[1]);
      for (let i = 0; i + 1 < cs.length; i += 1) bigrams.push(cs[i] + cs[i + 1]);
      if (unigrams === 'all' || cs.length === 1) singles.push(...cs);
    }
    const out = words.concat(bigrams, singles);
    if (ID_HINT.test(norm)) out.push(...identifiers(norm));
    return out;
  }

  /* Runs of the normalised query: [{type: 'han'|'word', text}] (query planning and highlighting). */
  function runs(text, map) {
    const norm = normalize(text, map);
    const out = [];
    RUN.lastIndex = 0;
    let m;
    while ((m = RUN.exec(norm)) !== null) {
      out.push(m[1] === undefined ? { type: 'word', text: m[2] } : { type: 'han', text: m[1] });
    }
    return out;
  }

  function isIdentifier(term) {
    return ID_CHARS.test(term);
  }

  return { VERSION, charMap, normalize, mapChars, tokens, identifiers, identifierSpans, runs, isIdentifier };
});
