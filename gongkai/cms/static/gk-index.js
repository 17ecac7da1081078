/* Gongkai web editor: the 索引号 rule of `make new` (plugins/catalog/index_numbers.py next_index_no):
 * the publisher's code, the year (and month) of 发布日期, the next free serial after the highest one
 * used with the same prefix. tests/unit/cms/test_cms_agreement.py compares it with the Python rule.
 */
(function (root) {
  'use strict';

  // Python str.format for the placeholders the templates use: {code} {year} {month:02d} {serial:05d}
  function format(template, values) {
    return template.replace(/\{(\w+)(?::0?(\d*)d)?\}/g, function (_m, name, width) {
      var v = String(values[name]);
      var w = parseInt(width || '0', 10);
      while (v.length < w) v = '0' + v;
      return v;
    });
  }

  function nextIndexNo(existing, code, year, month, template) {
    var probe = format(template, { code: code, year: year, month: month || 1, serial: 0 });
    var stem = probe.slice(0, probe.lastIndexOf('-')) + '-';
    var max = 0;
    existing.forEach(function (number) {
      if (typeof number === 'string' && number.indexOf(stem) === 0) {
        var tail = number.slice(stem.length);
        if (/^\d+$/.test(tail)) max = Math.max(max, parseInt(tail, 10));
      }
    });
    return format(template, { code: code, year: year, month: month || 1, serial: max + 1 });
  }

  function serialOf(indexNo) {
    var text = String(indexNo || '');
    var tail = text.slice(text.lastIndexOf('-') + 1);
    return /^\d+$/.test(tail) ? tail : text.replace(/[^0-9A-Za-z_.-]/g, '_');
  }

  // check_format: the pattern as a whole-string match (Python's re.fullmatch of the stripped regex)
  function matches(indexNo, pattern) {
    if (!pattern) return true;
    var body = pattern.replace(/^\^/, '').replace(/\$$/, '');
    return new RegExp('^(?:' + body + ')$').test(indexNo);
  }

  function dateParts(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text || ''));
    return m ? { year: parseInt(m[1], 10), month: parseInt(m[2], 10), day: parseInt(m[3], 10) } : null;
  }

  // validate.parse_date: "format" | "missing" | null (a real date)
  function dateProblem(text) {
    var p = dateParts(text);
    if (!p) return 'format';
    var d = new Date(Date.UTC(p.year, p.month - 1, p.day));
    if (d.getUTCFullYear() !== p.year || d.getUTCMonth() !== p.month - 1 || d.getUTCDate() !== p.day) return 'missing';
    return null;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? String(values[k]) : m; });
  }

  var api = { format: format, nextIndexNo: nextIndexNo, serialOf: serialOf, matches: matches,
    dateParts: dateParts, dateProblem: dateProblem, fill: fill };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.GongkaiIndex = api;
}(this));
