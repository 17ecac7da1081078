/* Gongkai web editor: read and write catalog files exactly as gongkai/importer/emit.py writes them.
 *
 * scalar() / lines() / frontMatter() / renderItem() are a line-by-line port of emit.py (keys in schema
 * order, plain scalars where both our strict loader and YAML 1.1 read them back unchanged, otherwise
 * JSON-quoted; multi-line text as a |- block). tests/unit/cms/test_cms_agreement.py runs this file
 * under Node against emit.py on every value of the sample catalog and a list of tricky strings.
 * Loaded in the browser as a plain script (window.GongkaiYaml) and in Node with require().
 */
(function (root) {
  'use strict';

  var FLOW_UNSAFE = /[,\[\]{}]/;
  var INDICATORS = '-?:,[]{}#&*!|>\'"%@`';
  var SPECIAL = /[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]/;
  var PATH_LIKE = /^[0-9A-Za-z][0-9A-Za-z_.-]*\/[0-9A-Za-z/_.-]*$/;
  var CONTROL = /[\x00-\x1f]/;
  // PyYAML's YAML 1.1 implicit resolvers (resolver.py) minus timestamps: words other tools read as
  // something other than text. Our own loader is stricter, so these are the ones that need quotes.
  var IMPLICIT = [
    /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
    /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
    /^(?:<<)$/,
    /^(?:~|null|Null|NULL|)$/,
    /^(?:=)$/
  ];

  function isAscii(text) { return /^[\x00-\x7f]*$/.test(text); }

  function strip(text) { return text.replace(/^[\s\u0085]+|[\s\u0085]+$/g, ''); }

  function plainOk(text) {
    if (!text || text !== strip(text) || INDICATORS.indexOf(text[0]) >= 0 || CONTROL.test(text)) return false;
    if (text.indexOf(': ') >= 0 || text.indexOf(' #') >= 0 || text.slice(-1) === ':' || text.indexOf('\t') >= 0 ||
        SPECIAL.test(text)) return false;
    if (!isAscii(text) || PATH_LIKE.test(text)) return true;
    for (var i = 0; i < IMPLICIT.length; i++) if (IMPLICIT[i].test(text)) return false;
    return true;
  }

  function scalar(value, flow) {
    if (value === true) return 'true';
    if (value === false) return 'false';
    if (typeof value === 'number') return String(value);
    var text = String(value);
    if (plainOk(text) && !(flow && FLOW_UNSAFE.test(text))) return text;
    return JSON.stringify(text);
  }

  function literalOk(text) {
    if (text[0] === ' ' || text[0] === '\n' || text.slice(-1) === '\n') return false;
    var lines = text.split('\n');
    for (var i = 0; i < lines.length; i++) if (CONTROL.test(lines[i])) return false;
    return !SPECIAL.test(text);
  }

  function order(data, keys) {
    var known = keys.filter(function (k) { return Object.prototype.hasOwnProperty.call(data, k); });
    var rest = Object.keys(data).filter(function (k) { return known.indexOf(k) < 0; }).sort();
    return known.concat(rest);
  }

  function isObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }

  // subOrder(key) -> the key order inside the block `key` (schema sub-fields)
  function lines(key, value, pad, subOrder) {
    var out, sub;
    if (isObject(value)) {
      sub = subOrder(key);
      out = [pad + key + ':'];
      order(value, sub).forEach(function (k) {
        out = out.concat(lines(k, value[k], pad + '  ', function () { return []; }));
      });
      return out;
    }
    if (Array.isArray(value)) {
      out = [pad + key + ':'];
      value.forEach(function (entry) {
        if (isObject(entry)) {
          var first = true;
          order(entry, subOrder(key)).forEach(function (k) {
            var ls = lines(k, entry[k], pad + '    ', function () { return []; });
            if (first) { ls[0] = pad + '  - ' + ls[0].replace(/^\s+/, ''); first = false; }
            out = out.concat(ls);
          });
        } else {
          out.push(pad + '  - ' + scalar(entry));
        }
      });
      return out;
    }
    if (typeof value === 'string' && value.indexOf('\n') >= 0 && literalOk(value)) {
      var body = value.split('\n').map(function (l) { return l ? pad + '  ' + l : ''; }).join('\n');
      return [pad + key + ': |-', body];
    }
    return [pad + key + ': ' + scalar(value)];
  }

  function frontMatter(data, keyOrder, subOrders) {
    var out = [];
    var subOrder = function (k) { return (subOrders && subOrders[k]) || []; };
    order(data, keyOrder).forEach(function (k) { out = out.concat(lines(k, data[k], '', subOrder)); });
    return out.join('\n');
  }

  function pyStrip(text, chars) {
    var re = new RegExp('^[' + chars + ']+|[' + chars + ']+$', 'g');
    return text.replace(re, '');
  }

  // emit.render_item: "---" front matter "---" body (.md), or pure YAML with body: (.yml)
  function renderItem(data, body, keyOrder, subOrders, markdown) {
    var copy = {};
    Object.keys(data).forEach(function (k) { if (k !== 'body') copy[k] = data[k]; });
    if (markdown === false) {
      if (body) copy.body = body;
      return frontMatter(copy, keyOrder, subOrders) + '\n';
    }
    var text = '---\n' + frontMatter(copy, keyOrder, subOrders) + '\n---\n';
    return text + (body && strip(body) ? '\n' + pyStrip(body, '\n') + '\n' : '');
  }

  // reader.split_front_matter: [yaml, body] or null
  function splitFrontMatter(text) {
    var ls = text.replace(/\r\n/g, '\n').split('\n');
    if (!ls.length || strip(ls[0]) !== '---') return null;
    for (var i = 1; i < ls.length; i++) {
      var t = strip(ls[i]);
      if (t === '---' || t === '...') return [ls.slice(1, i).join('\n'), ls.slice(i + 1).join('\n')];
    }
    return [ls.slice(1).join('\n'), ''];
  }

  var api = {
    plainOk: plainOk, scalar: scalar, lines: lines, frontMatter: frontMatter, renderItem: renderItem,
    splitFrontMatter: splitFrontMatter, order: order, isObject: isObject, strip: strip
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.GongkaiYaml = api;
}(this));
