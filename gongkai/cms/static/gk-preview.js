/* Gongkai web editor: the preview pane shows an item as the site shows it — the 文件信息 table of
 * theme/templates/components/metadata.html, the body, the 办事指南 / 预决算 blocks, attachments and
 * relations — with the site's own stylesheet (theme/static/css/main.css, copied into the editor).
 */
(function (root) {
  'use strict';

  function register(CMS, gk) {
    var h = root.h, createClass = root.createClass;
    var labels = gk.item.labels;

    function get(entry, path) {
      var v = entry.getIn(['data'].concat(path));
      return v && v.toJS ? v.toJS() : v;
    }
    function dash(v) { return v === undefined || v === null || v === '' ? '—' : v; }
    function row(a, av, b, bv) {
      return h('tr', null, h('th', { scope: 'row' }, a), h('td', null, av), h('th', { scope: 'row' }, b), h('td', null, bv));
    }
    function wide(a, av) { return h('tr', null, h('th', { scope: 'row' }, a), h('td', { colSpan: 3 }, av)); }
    function verbatim(v) { return v ? h('span', { translate: 'no', className: 'gk-verbatim' }, v) : '—'; }
    function topic(t) { return String(t).replace('/', '\\'); }

    function metadata(entry) {
      var validity = get(entry, ['validity']) || {};
      var status = typeof validity === 'string' ? validity : (validity.status || '有效');
      var topics = get(entry, ['topics']) || [];
      var keywords = get(entry, ['keywords']) || [];
      var rows = [
        row(labels.index_no, verbatim(get(entry, ['index_no'])), labels.category, dash(get(entry, ['category']))),
        row(labels.publisher, dash(get(entry, ['publisher'])), labels.topics, topics.length ? topics.map(topic).join('；') : '—'),
        row(labels.doc_no, verbatim(get(entry, ['doc_no'])), '成文日期', dash(get(entry, ['written']))),
        row(labels.published, dash(get(entry, ['published'])), labels.validity,
          h('strong', { className: 'gk-status gk-status--' + (status === '有效' ? 'current' : 'void') }, status)),
        wide(labels.keywords, keywords.length ? keywords.join('　') : '—')
      ];
      if (get(entry, ['genre']) || get(entry, ['scope'])) {
        rows.push(row(labels.genre, dash(get(entry, ['genre'])), labels.scope, get(entry, ['scope']) || '全部公开'));
      }
      if (get(entry, ['summary'])) rows.push(wide(labels.summary, get(entry, ['summary'])));
      return h('table', { className: 'gk-meta' }, h('caption', null, '文件信息'), h('tbody', null, rows));
    }

    function deflist(title, pairs) {
      var items = [];
      pairs.forEach(function (p) {
        if (p[1] === undefined || p[1] === '' || p[1] === null) return;
        var v = Array.isArray(p[1]) ? h('ol', null, p[1].map(function (m, i) { return h('li', { key: i }, m); })) : String(p[1]);
        items.push(h('dt', { key: p[0] + 't' }, p[0]), h('dd', { key: p[0] + 'd' }, v));
      });
      return h('section', { className: 'gk-service' }, h('h2', null, title), h('dl', { className: 'gk-deflist' }, items));
    }

    function block(entry, key, title) {
      var b = get(entry, [key]);
      if (!b) return null;
      var subs = gk.item.sub_order[key];
      return deflist(title, subs.map(function (s) { return [subLabel(key, s), b[s]]; }));
    }
    function subLabel(key, sub) { return (gk.item.sub_labels && gk.item.sub_labels[key + '.' + sub]) || sub; }

    var ItemPreview = createClass({
      render: function () {
        var entry = this.props.entry;
        var attachments = get(entry, ['attachments']) || [];
        var refs = ['interprets', 'supersedes'].filter(function (k) { return (get(entry, [k]) || []).length; });
        return h('article', { className: 'gk-item', lang: 'zh-CN' },
          h('h1', { className: 'gk-item__title' }, get(entry, ['title']) || '（未填写名称）'),
          metadata(entry),
          h('div', { className: 'gk-body' }, this.props.widgetFor('body')),
          block(entry, 'service', '办事指南要素'),
          block(entry, 'budget', '预决算信息'),
          attachments.length ? h('section', { className: 'gk-attachments' }, h('h2', null, labels.attachments),
            h('ul', null, attachments.map(function (a, i) { return h('li', { key: i }, a.title || a.path); }))) : null,
          refs.length ? h('section', { className: 'gk-relations' }, h('h2', null, '相关文件'),
            h('ul', null, refs.map(function (k) {
              return h('li', { key: k }, labels[k] + '：', h('span', { translate: 'no' }, get(entry, [k]).join('、')));
            }))) : null);
      }
    });

    var PagePreview = createClass({
      render: function () {
        return h('article', { className: 'gk-page', lang: 'zh-CN' },
          h('h1', null, get(this.props.entry, ['Title'])),
          h('div', { className: 'gk-body' }, this.props.widgetFor('body')));
      }
    });

    gk.item_collections.forEach(function (name) { CMS.registerPreviewTemplate(name, ItemPreview); });
    CMS.registerPreviewTemplate('gkzn', PagePreview);
    CMS.registerPreviewTemplate('gkzd', PagePreview);
    CMS.registerPreviewStyle('site/css/main.css');
    CMS.registerPreviewStyle('static/gk-preview.css');
  }

  root.GongkaiPreview = { register: register };
}(this));
