/* Gongkai web editor: read the generated config.yml, register our formats, widgets and preview,
 * then start Decap CMS. On 127.0.0.1 (make cms) the local backend is this server's /api/v1, which
 * passes requests to decap-server; anywhere else the git host in config.yml's backend is used.
 */
(function (root) {
  'use strict';
  var CMS = root.CMS;

  function start(text) {
    var config = root.jsyaml.load(text);
    var gk = config.gongkai;
    delete config.gongkai;
    if (config.local_backend === true) config.local_backend = { url: root.location.origin + '/api/v1' };
    config.load_config_file = false;

    var F = root.GongkaiFormats(root.jsyaml, root.GongkaiYaml, gk);
    CMS.registerCustomFormat('gk-item', 'md', F.item);
    CMS.registerCustomFormat('gk-page', 'md', F.page);
    CMS.registerCustomFormat('gk-report', 'yml', F.report);
    CMS.registerCustomFormat('gk-calendar', 'yml', F.calendar);
    root.GongkaiWidgets.register(CMS, gk);
    root.GongkaiPreview.register(CMS, gk);

    // Item files are catalog/<category>/<year of 发布日期>/<serial of 索引号>.md (collections.py ITEM_PATH)
    CMS.registerEventListener({
      name: 'preSave',
      handler: function (ev) {
        var entry = ev.entry;
        if (gk.item_collections.indexOf(entry.get('collection')) < 0) return undefined;
        var data = entry.get('data');
        var published = root.GongkaiIndex.dateParts(data.get('published'));
        return data.set('_serial', root.GongkaiIndex.serialOf(data.get('index_no')))
          .set('_year', String(published ? published.year : new Date().getFullYear()));
      }
    });
    CMS.init({ config: config });
  }

  fetch('config.yml', { cache: 'no-store' })
    .then(function (r) { if (!r.ok) throw new Error('config.yml: HTTP ' + r.status); return r.text(); })
    .then(start)
    .catch(function (e) {
      var p = document.createElement('p');
      p.className = 'gk-fatal';
      p.textContent = '网页编辑器无法启动：' + e.message;
      document.body.appendChild(p);
    });
}(this));
