/* Gongkai web editor: the widgets Decap CMS does not have.
 *   gk-index-no  the 索引号, proposed by the rule of `make new` from the catalog's numbers
 *   gk-date      a YYYY-MM-DD text field that refuses 2025-02-30 with make check's words
 *   gk-refs      解读的文件 / 替代的文件: search the whole catalog by 索引号, 标题 or 文号
 * The catalog's numbers, titles and 文号 come from catalog.json (gongkai.catalog_json in config.yml).
 * Uses Decap's globals h (React.createElement) and createClass; no JSX, no build step.
 */
(function (root) {
  'use strict';
  var I = root.GongkaiIndex;

  function register(CMS, gk) {
    var h = root.h, createClass = root.createClass;
    var msg = gk.messages, ui = gk.ui, rule = gk.index_no;
    var catalog = null, catalogError = null, waiting = [];

    function loadCatalog() {
      fetch(gk.catalog_json, { cache: 'no-store', credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
        .then(function (doc) { catalog = doc.items || []; })
        .catch(function (e) { catalogError = String(e.message || e); catalog = []; })
        .then(function () { var w = waiting; waiting = []; w.forEach(function (f) { f(); }); });
    }
    function whenCatalog(f) { if (catalog) f(); else waiting.push(f); }
    loadCatalog();
    CMS.registerEventListener({ name: 'postSave', handler: function () { catalog = null; loadCatalog(); } });

    function data(props, key) {
      var entry = props.entry;
      var v = entry && entry.getIn(['data', key]);
      return v && v.toJS ? v.toJS() : v;
    }
    function isNew(props) { return !!(props.entry && props.entry.get('newRecord')); }
    // a new entry not yet merged (editorial workflow: its merge request is open) may still change its number
    function editable(props) {
      var e = props.entry;
      return isNew(props) || !!(e && e.get('status') && e.get('isModification') === false);
    }
    function label(props) { return props.field.get('label'); }
    function err(message) { return { error: { type: 'CUSTOM', message: message } }; }
    function list(v) { return v ? (v.toJS ? v.toJS() : (Array.isArray(v) ? v : [v])) : []; }
    function byNumber(n) { return (catalog || []).filter(function (i) { return i.index_no === n; })[0]; }
    function today() { var d = new Date(); var p = function (n) { return (n < 10 ? '0' : '') + n; };
      return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()); }

    function proposal(props) {
      var published = I.dateParts(data(props, 'published')) || I.dateParts(today());
      var code = rule.codes[data(props, 'publisher')] || rule.default_code;
      var used = (catalog || []).map(function (i) { return i.index_no; });
      return { basis: code + '|' + published.year + '|' + published.month,
        number: I.nextIndexNo(used, code, published.year, published.month, rule.template) };
    }

    // ---- 索引号 ---------------------------------------------------------------------------------
    var IndexNo = createClass({
      getInitialState: function () { return { ready: !!catalog, manual: false, basis: '' }; },
      componentDidMount: function () {
        var self = this;
        whenCatalog(function () { self.setState({ ready: true }); self.propose(false); });
      },
      shouldComponentUpdate: function () { return true; },
      componentDidUpdate: function () { if (this.state.ready) this.propose(false); },
      propose: function (force) {
        if (!isNew(this.props) || (this.state.manual && !force)) return;
        var p = proposal(this.props);
        if (force || p.basis !== this.state.basis || !this.props.value) {
          if (p.basis !== this.state.basis || force) this.setState({ basis: p.basis, manual: false });
          if (this.props.value !== p.number) this.props.onChange(p.number);
        }
      },
      isValid: function () {
        var v = this.props.value;
        if (!v) return true;   // Decap's own required message
        if (!I.matches(v, rule.pattern)) {
          return err(I.fill(msg.index_pattern, { label: label(this.props), value: v, pattern: rule.pattern }));
        }
        var other = byNumber(v);
        var path = this.props.entry && this.props.entry.get('path');
        if (other && (isNew(this.props) || other.source_file !== path)) {
          return err(I.fill(msg.index_taken, { label: label(this.props), value: v, other: other.title,
            next: proposal(this.props).number }));
        }
        return true;
      },
      render: function () {
        var self = this, p = this.props;
        var note = !this.state.ready ? msg.index_loading :
          catalogError ? I.fill(msg.index_offline, { value: catalogError }) : '';
        return h('div', { className: 'gk-widget gk-index' },
          h('input', { type: 'text', id: p.forID, className: p.classNameWrapper, value: p.value || '',
            spellCheck: false, autoComplete: 'off', translate: 'no', 'aria-describedby': p.forID + '-note',
            readOnly: !editable(p), onFocus: p.setActiveStyle, onBlur: p.setInactiveStyle,
            onChange: function (e) { self.setState({ manual: true }); p.onChange(e.target.value.trim()); } }),
          isNew(p) ? h('p', { className: 'gk-widget__note', id: p.forID + '-note' },
            note || ui.index_propose + proposal(p).number + ' ',
            this.state.ready ? h('button', { type: 'button', className: 'gk-widget__button',
              onClick: function () { self.propose(true); } }, ui.index_regenerate) : null) : null);
      }
    });

    // ---- dates ----------------------------------------------------------------------------------
    var DateControl = createClass({
      componentDidMount: function () {
        if (this.props.field.get('today_if_empty') && isNew(this.props) && !this.props.value) {
          this.props.onChange(today());
        }
      },
      isValid: function () {
        var v = this.props.value;
        if (!v) return true;
        var problem = I.dateProblem(v);
        if (problem === 'format') return err(I.fill(msg.date_format, { label: label(this.props), value: v }));
        if (problem === 'missing') return err(I.fill(msg.date_missing_day, { label: label(this.props), value: v }));
        return true;
      },
      render: function () {
        var p = this.props;
        return h('input', { type: 'text', id: p.forID, className: p.classNameWrapper, value: p.value || '',
          placeholder: ui.date_placeholder, inputMode: 'numeric', autoComplete: 'off', maxLength: 20,
          onFocus: p.setActiveStyle, onBlur: p.setInactiveStyle,
          onChange: function (e) { p.onChange(e.target.value.trim()); } });
      }
    });

    // ---- relations ------------------------------------------------------------------------------
    function describe(item) {
      return [item.index_no, item.title, item.doc_no].filter(Boolean).join('　');
    }
    function search(q, exclude) {
      var t = q.trim().toLowerCase();
      if (!t) return [];
      var out = [];
      for (var i = 0; i < (catalog || []).length && out.length < 20; i++) {
        var it = catalog[i];
        if (exclude.indexOf(it.index_no) >= 0) continue;
        if (it.index_no.toLowerCase().indexOf(t) >= 0 || it.title.toLowerCase().indexOf(t) >= 0 ||
            (it.doc_no || '').toLowerCase().indexOf(t) >= 0) out.push(it);
      }
      return out;
    }

    var Refs = createClass({
      getInitialState: function () { return { q: '', ready: !!catalog }; },
      componentDidMount: function () { var self = this; whenCatalog(function () { self.setState({ ready: true }); }); },
      isValid: function () {
        var refs = list(this.props.value), own = data(this.props, 'index_no');
        for (var i = 0; i < refs.length; i++) {
          if (refs[i] === own) return err(I.fill(msg.refs_self, { label: label(this.props) }));
          if (catalog && catalog.length && !byNumber(refs[i])) {
            return err(I.fill(msg.refs_unknown, { label: label(this.props), value: refs[i] }));
          }
        }
        return true;
      },
      render: function () {
        var self = this, p = this.props, refs = list(p.value);
        var own = data(p, 'index_no');
        var found = this.state.ready ? search(this.state.q, refs.concat([own])) : [];
        var listId = p.forID + '-results';
        return h('div', { className: 'gk-widget gk-refs' },
          h('ul', { className: 'gk-refs__chosen' }, refs.map(function (n) {
            var it = byNumber(n);
            return h('li', { key: n },
              h('span', { translate: 'no' }, it ? describe(it) : n), ' ',
              h('button', { type: 'button', className: 'gk-widget__button', 'aria-label': ui.refs_remove + ' ' + n,
                onClick: function () { p.onChange(refs.filter(function (x) { return x !== n; })); } }, ui.refs_remove));
          })),
          h('input', { type: 'search', id: p.forID, className: p.classNameWrapper, value: this.state.q,
            placeholder: ui.refs_search, 'aria-controls': listId, autoComplete: 'off',
            onFocus: p.setActiveStyle, onBlur: p.setInactiveStyle,
            onChange: function (e) { self.setState({ q: e.target.value }); } }),
          this.state.q.trim() ? h('ul', { className: 'gk-refs__results', id: listId, 'aria-live': 'polite' },
            found.length ? found.map(function (it) {
              return h('li', { key: it.index_no },
                h('button', { type: 'button', className: 'gk-refs__pick',
                  onClick: function () { p.onChange(refs.concat([it.index_no])); self.setState({ q: '' }); } },
                  h('span', { className: 'gk-refs__no', translate: 'no' }, it.index_no), ' ',
                  h('span', { className: 'gk-refs__title' }, it.title), ' ',
                  it.doc_no ? h('span', { className: 'gk-refs__docno', translate: 'no' }, it.doc_no) : null));
            }) : h('li', null, ui.refs_none)) : null);
      }
    });

    CMS.registerWidget('gk-index-no', IndexNo);
    CMS.registerWidget('gk-date', DateControl);
    CMS.registerWidget('gk-refs', Refs);
  }

  root.GongkaiWidgets = { register: register };
}(this));
