/* Gongkai web editor: the file formats of the catalog, the annual reports, the calendars and the
 * Pelican pages. Reading keeps every value as the text written (YAML failsafe schema) and converts
 * only what the schema says is a number or yes/no; writing goes through GongkaiYaml, so an item saved
 * here is byte for byte what gongkai/importer/emit.py writes for the same data.
 * Node: require('./gk-formats.js')(jsyaml, GongkaiYaml, gongkaiConfigSection) for the tests.
 */
(function (root) {
  'use strict';

  function make(jsyaml, Y, gk) {
    var item = gk.item;
    var LIST_SPLIT = /[\s,，、;；]+/;

    function parse(text) {
      var data = jsyaml.load(text, { schema: jsyaml.FAILSAFE_SCHEMA });
      return Y.isObject(data) ? data : {};
    }

    function toNumber(v) {
      if (typeof v === 'number') return v;
      var t = Y.strip(String(v));
      return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : v;
    }

    function empty(v) {
      return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) ||
        (Y.isObject(v) && Object.keys(v).length === 0);
    }

    // remove what an editor leaves blank (and helper keys), recursively; keep 0 and false
    function prune(v) {
      if (Array.isArray(v)) {
        return v.map(prune).filter(function (e) { return !empty(e); });
      }
      if (Y.isObject(v)) {
        var out = {};
        Object.keys(v).forEach(function (k) {
          if (k.charAt(0) === '_') return;
          var p = prune(v[k]);
          if (!empty(p)) out[k] = p;
        });
        return out;
      }
      return typeof v === 'string' && !Y.strip(v) ? '' : v;
    }

    function typed(kind, v) {
      if (empty(v)) return v;
      if (kind === 'int' || kind === 'number') return toNumber(v);
      if (kind === 'bool') return v === true || v === 'true';
      if (kind === 'refs' || kind === 'topics' || kind === 'list' || kind === 'attachments') {
        return Array.isArray(v) ? v : [v];
      }
      return v;
    }

    // ---- catalog items ------------------------------------------------------------------------
    function itemFromFile(content) {
      var parts = Y.splitFrontMatter(content) || ['', content];
      var raw = parse(parts[0]);
      var data = {};
      Object.keys(raw).forEach(function (k) {
        var kind = item.kinds[k];
        var v = raw[k];
        if (k === 'keywords' && typeof v === 'string') v = v.split(LIST_SPLIT).filter(Boolean);
        if (k === 'validity' && typeof v === 'string') v = { status: v };
        v = typed(kind, v);
        var subKinds = item.sub_kinds[k];
        if (subKinds && Y.isObject(v)) {
          Object.keys(v).forEach(function (s) { v[s] = typed(subKinds[s], v[s]); });
        }
        data[k] = v;
      });
      data.body = parts[1].replace(/^\n+/, '');
      return data;
    }

    function itemToFile(data) {
      var body = typeof data.body === 'string' ? data.body : '';
      var clean = prune(data);
      delete clean.body;
      Object.keys(item.kinds).forEach(function (k) {
        if (item.kinds[k] === 'bool' && clean[k] === false && item.required.indexOf(k) < 0) delete clean[k];
      });
      if (Y.isObject(clean.validity) && Object.keys(clean.validity).length === 1 && clean.validity.status) {
        clean.validity = clean.validity.status;   // 有效 alone is written as by hand: validity: 有效
      }
      return Y.renderItem(clean, body, item.order, item.sub_order, true);
    }

    // ---- Pelican pages (公开指南, 公开制度): "Key: value" lines, a blank line, then Markdown ------
    var META = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;

    function pageFromFile(content) {
      var ls = content.replace(/\r\n/g, '\n').split('\n');
      var data = {}, key = null, i = 0;
      if (ls[0] === '---') i = 1;
      for (; i < ls.length; i++) {
        var line = ls[i];
        if (!Y.strip(line) || line === '---' || line === '...') { i++; break; }
        var m = META.exec(line);
        if (m) { key = m[1]; data[key] = m[2]; } else if (key && /^ {4,}/.test(line)) {
          data[key] += ' ' + Y.strip(line);
        } else break;
      }
      data.body = ls.slice(i).join('\n').replace(/^\n+/, '');
      return data;
    }

    function pageToFile(data) {
      var out = [];
      Y.order(data, gk.page.order).forEach(function (k) {
        if (k === 'body' || k.charAt(0) === '_' || empty(data[k])) return;
        out.push(k + ': ' + Y.strip(String(data[k]).replace(/\s*\n\s*/g, '')));
      });
      var body = typeof data.body === 'string' ? data.body.replace(/^\n+|\n+$/g, '') : '';
      return out.join('\n') + '\n\n' + body + '\n';
    }

    // ---- working-day calendars -----------------------------------------------------------------
    function calendarFromFile(content) {
      var data = parse(content);
      if (data.year !== undefined) data.year = toNumber(data.year);
      return data;
    }

    function calendarToFile(data) {
      var cal = gk.calendar;
      var clean = prune(data);
      return Y.frontMatter(clean, cal.order, { source: cal.source, holidays: cal.holiday }) + '\n';
    }

    // ---- annual reports (国办公开办函〔2021〕30号) -------------------------------------------------
    var rep = gk.report;

    function reportFromFile(content) {
      var data = parse(content);
      if (data.format !== undefined) data.format = String(data.format);
      if (data.year !== undefined) data.year = toNumber(data.year);
      Object.keys(rep.rows).forEach(function (table) {
        var rows = data[table];
        if (!Y.isObject(rows)) return;
        Object.keys(rows).forEach(function (rid) {
          var cols = rep.rows[table].columns[rid] || [];
          var v = rows[rid];
          if (Array.isArray(v)) {
            var obj = {};
            cols.forEach(function (c, n) { obj[c] = toNumber(v[n]); });
            rows[rid] = cols.length === 1 ? obj[cols[0]] : obj;
          } else if (Y.isObject(v)) {
            Object.keys(v).forEach(function (c) { v[c] = toNumber(v[c]); });
            if (cols.length === 1 && v[cols[0]] !== undefined) rows[rid] = v[cols[0]];
          } else {
            rows[rid] = toNumber(v);
          }
        });
      });
      return data;
    }

    function rowLine(table, rid, value) {
      var cols = rep.rows[table].columns[rid] || [];
      var label = rep.labels[table][rid];
      var text;
      if (!Y.isObject(value)) text = Y.scalar(value);
      else if (table === 'table2') {
        text = '{' + cols.filter(function (c) { return !empty(value[c]); })
          .map(function (c) { return c + ': ' + Y.scalar(value[c], true); }).join(', ') + '}';
      } else {
        text = '[' + cols.map(function (c) { return empty(value[c]) ? '0' : Y.scalar(value[c], true); }).join(', ') + ']';
      }
      return '  ' + rid + ': ' + text + (label ? '   # ' + label : '');
    }

    function reportToFile(data) {
      var clean = prune(data);
      var out = [];
      Y.order(clean, rep.order).forEach(function (k) {
        var v = clean[k];
        if (rep.rows[k] && Y.isObject(v)) {
          out.push(k + ':');
          Y.order(v, rep.rows[k].order).forEach(function (rid) { out.push(rowLine(k, rid, v[rid])); });
        } else if (k === 'format') {
          out.push('format: ' + v);   // written bare, as in every report: format: 2021
        } else {
          out = out.concat(Y.lines(k, v, '', function (key) { return key === 'overview' ? rep.overview : []; }));
        }
      });
      return out.join('\n') + '\n';
    }

    return {
      item: { fromFile: itemFromFile, toFile: itemToFile },
      page: { fromFile: pageFromFile, toFile: pageToFile },
      calendar: { fromFile: calendarFromFile, toFile: calendarToFile },
      report: { fromFile: reportFromFile, toFile: reportToFile },
      prune: prune
    };
  }

  if (typeof module !== 'undefined' && module.exports) module.exports = make;
  else root.GongkaiFormats = make;
}(this));
