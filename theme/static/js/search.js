/* The search page (data-module="gk-search"): reads the query and filters from the URL, runs them with
 * GKSearchEngine over the index at data-index-url, and shows results, facets, sorting and pages.
 * Every state is a URL (?q=…&category=…&sort=date&page=2): links work without this script's help,
 * and history.pushState/popstate keep the back button working. Texts come from the page's data-msg-*
 * and data-label-* attributes (converted by the 繁体 mirror); on the mirror (html lang zh-Hant) result
 * titles, snippets and labels are converted in the browser with the index's 简→繁 character map.
 */
(function () {
  'use strict';

  const FILTERS = ['category', 'publisher', 'year', 'status'];

  function readState(search) {
    const p = new URLSearchParams(search);
    const state = { q: (p.get('q') || '').trim(), sort: p.get('sort') === 'date' ? 'date' : 'relevance',
      page: Math.max(1, parseInt(p.get('page') || '1', 10) || 1), filters: {} };
    for (const f of FILTERS) if (p.get(f)) state.filters[f] = p.get(f);
    return state;
  }

  function queryString(state) {
    const p = new URLSearchParams();
    p.set('q', state.q);
    for (const f of FILTERS) if (state.filters[f] !== undefined) p.set(f, state.filters[f]);
    if (state.sort === 'date') p.set('sort', 'date');
    if (state.page > 1) p.set('page', String(state.page));
    return '?' + p.toString();
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of [].concat(children || [])) node.append(c);
    return node;
  }

  function replace(parent, nodes) {
    parent.textContent = '';
    parent.append(...nodes);
  }

  /* Text with the query's words marked. Matching is on normalised characters (NFKC, 繁→简, lower case)
   * mapped back to the text as shown; a word not found whole is marked by its character pairs. */
  function highlighted(text, runs, tok, map) {
    const chars = Array.from(text);
    let norm = '';
    const owner = [];
    chars.forEach((c, i) => {
      const n = tok.normalize(c, map);
      norm += n;
      for (let k = 0; k < n.length; k += 1) owner.push(i);
    });
    const marked = new Uint8Array(chars.length);
    const mark = (needle) => {
      let found = false;
      let at = needle ? norm.indexOf(needle) : -1;
      while (at !== -1) {
        found = true;
        for (let k = at; k < at + needle.length; k += 1) marked[owner[k]] = 1;
        at = norm.indexOf(needle, at + needle.length);
      }
      return found;
    };
    for (const run of runs) {
      const cs = Array.from(run.text);
      if (!mark(run.text) && run.type === 'han' && cs.length > 2) {
        for (let i = 0; i + 1 < cs.length; i += 1) mark(cs[i] + cs[i + 1]);
      }
    }
    return { chars, marked };
  }

  function markedNodes(h, start, end) {
    const nodes = [];
    let i = start;
    while (i < end) {
      let j = i;
      while (j < end && h.marked[j] === h.marked[i]) j += 1;
      const text = h.chars.slice(i, j).join('');
      nodes.push(h.marked[i] ? el('mark', {}, text) : document.createTextNode(text));
      i = j;
    }
    return nodes;
  }

  function snippetNodes(h, width) {
    const first = h.marked.indexOf(1);
    if (h.chars.length <= width || first < 0) {
      return markedNodes(h, 0, Math.min(h.chars.length, width)).concat(h.chars.length > width ? ['…'] : []);
    }
    const start = Math.max(0, Math.min(first - Math.floor(width / 4), h.chars.length - width));
    const end = Math.min(h.chars.length, start + width);
    return (start > 0 ? ['…'] : []).concat(markedNodes(h, start, end), end < h.chars.length ? ['…'] : []);
  }

  function init(root) {
    const d = root.dataset;
    const tok = window.GKSearchTokenize;
    const form = root.querySelector('.js-search-form');
    const input = root.querySelector('.js-search-input');
    const status = root.querySelector('.js-search-status');
    const body = root.querySelector('.js-search-body');
    const none = root.querySelector('.js-search-none');
    const list = root.querySelector('.js-search-list');
    const pager = root.querySelector('.js-search-pager');
    const sort = root.querySelector('.js-search-sort');
    const heading = root.querySelector('.js-search-heading');
    const results = root.querySelector('.js-search-results');
    const headerInput = document.getElementById('gk-q');
    const pageBaseMeta = document.querySelector('meta[name="gk-page-base"]');
    const pageBase = pageBaseMeta ? pageBaseMeta.content : '/';
    const hant = /^zh-hant/i.test(document.documentElement.lang || '');
    if (!tok || !window.GKSearchEngine || !window.lunr) {
      status.textContent = d.msgError;
      return;
    }
    const engine = new window.GKSearchEngine.Engine({
      base: d.indexUrl, lunr: window.lunr, tokenizer: tok,
      fetchJSON: (url, how) => fetch(url, { credentials: 'same-origin', cache: how && how.fresh ? 'no-cache' : 'default' }).then((r) => {
        if (!r.ok) throw new Error('gk-search: ' + url + ' ' + r.status);
        return r.json();
      })
    });
    let maps = null;
    let run = 0;

    async function scriptMaps() {
      if (!hant) return { show: null, read: null };
      if (!maps) {
        const m = await engine.manifest();
        maps = Promise.all([engine.get(m.s2t), engine.get(m.tokenizer.t2s)])
          .then(([s2t, t2s]) => ({ show: tok.charMap(s2t), read: tok.charMap(t2s) }));
      }
      return maps;
    }

    function link(state, label, attrs) {
      return el('a', Object.assign({ href: window.location.pathname + queryString(state), class: 'js-search-nav' }, attrs), label);
    }

    function renderFacets(manifest, result, state, show) {
      for (const box of root.querySelectorAll('.js-search-facet')) {
        const facet = box.dataset.facet;
        const ul = box.querySelector('.js-search-facet-list');
        const selected = state.filters[facet];
        const items = [];
        const anyState = Object.assign({}, state, { page: 1, filters: Object.assign({}, state.filters) });
        delete anyState.filters[facet];
        items.push(el('li', {}, link(anyState, d.labelAny, { 'aria-current': selected === undefined ? 'true' : null,
          'data-facet': facet, 'data-value': '' })));
        manifest.facets[facet].forEach((row, i) => {
          const key = String(row[0]);
          const count = result.facets[facet][i];
          if (!count && key !== selected) return;
          const label = facet === 'year' ? fill(d.labelYear, { y: row[0] }) : tok.mapChars(row[1], show);
          const next = Object.assign({}, state, { page: 1, filters: Object.assign({}, state.filters, { [facet]: key }) });
          items.push(el('li', {}, [link(next, label, { 'aria-current': key === selected ? 'true' : null,
            'data-facet': facet, 'data-value': key }), el('span', { class: 'gk-num' }, fill(d.labelCount, { n: count }))]));
        });
        replace(ul, items);
      }
    }

    function renderSort(state) {
      const make = (value, label) => link(Object.assign({}, state, { sort: value, page: 1 }), label,
        { 'aria-current': state.sort === value ? 'true' : null, 'data-facet': 'sort', 'data-value': value,
          class: 'js-search-nav gk-search__sort-link' });
      replace(sort, [d.labelSort, make('relevance', d.labelRelevance), ' ', make('date', d.labelDate)]);
    }

    function renderPager(result, state) {
      const items = [];
      const go = (n, label, attrs) => el('li', {}, link(Object.assign({}, state, { page: n }), label,
        Object.assign({ class: 'js-search-nav gk-pager__link', 'data-facet': 'page', 'data-value': String(n) }, attrs)));
      if (result.page > 1) items.push(go(result.page - 1, d.labelPrev, { rel: 'prev' }));
      let last = 0;
      for (let n = 1; n <= result.pages; n += 1) {
        if (n !== 1 && n !== result.pages && Math.abs(n - result.page) > 2) continue;
        if (n - last > 1) items.push(el('li', { class: 'gk-pager__gap' }, '…'));
        const current = n === result.page;
        items.push(go(n, String(n), { 'aria-label': fill(d.labelPage, { n }), 'aria-current': current ? 'page' : null,
          class: 'js-search-nav gk-pager__link' + (current ? ' gk-pager__link--current' : '') }));
        last = n;
      }
      if (result.page < result.pages) items.push(go(result.page + 1, d.labelNext, { rel: 'next' }));
      replace(pager, result.pages > 1 ? [el('ul', {}, items)] : []);
    }

    function resultItem(rec, manifest, runs, scripts) {
      const [title, url, date, indexNo, docNo, pub, cat, stat, snippet] = rec;
      const shownTitle = tok.mapChars(title, scripts.show);
      const meta = [el('span', {}, [d.labelPublished + '：', el('span', { class: 'gk-verbatim' }, date)]),
        el('span', {}, [d.labelIndexNo + '：', el('span', { class: 'gk-verbatim', translate: 'no' }, indexNo)])];
      if (docNo) meta.push(el('span', {}, [d.labelDocNo + '：', el('span', { translate: 'no' }, docNo)]));
      meta.push(el('span', {}, d.labelPublisher + '：' + tok.mapChars(manifest.facets.publisher[pub][1], scripts.show)));
      meta.push(el('span', {}, d.labelCategory + '：' + tok.mapChars(manifest.facets.category[cat][1], scripts.show)));
      const statusRow = manifest.facets.status[stat];
      if (statusRow && statusRow[0] !== 'yx') {
        meta.push(el('span', { class: 'gk-tag gk-tag--void' }, fill(d.labelVoid, { s: tok.mapChars(statusRow[1], scripts.show) })));
      }
      const titleMarks = highlighted(shownTitle, runs, tok, scripts.read);
      const snippetMarks = highlighted(tok.mapChars(snippet, scripts.show), runs, tok, scripts.read);
      return el('li', { class: 'gk-result' }, [
        el('h3', { class: 'gk-result__title' }, el('a', { href: pageBase + url }, markedNodes(titleMarks, 0, titleMarks.chars.length))),
        el('p', { class: 'gk-result__snippet' }, snippetNodes(snippetMarks, 120)),
        el('p', { class: 'gk-result__meta' }, meta)
      ]);
    }

    /* The 简/繁 switch (a[data-gk-twin], components/langswitch.html) links to this page's twin: it
     * keeps the reader's query, filters and page, so switching script shows the same results. */
    function syncTwinLinks(state) {
      for (const a of document.querySelectorAll('a[data-gk-twin]')) {
        const url = new URL(a.getAttribute('href'), window.location.href);
        url.search = state.q ? queryString(state) : '';
        a.setAttribute('href', url.pathname + url.search);
      }
    }

    async function render(state, focus) {
      const mine = ++run;
      syncTwinLinks(state);
      input.value = state.q;
      if (headerInput) headerInput.value = state.q;
      if (!state.q) {
        body.hidden = true;
        none.hidden = true;
        root.removeAttribute('aria-busy');
        status.textContent = focus === 'submit' ? d.msgEmpty : '';
        return;
      }
      status.textContent = d.msgSearching;
      root.setAttribute('aria-busy', 'true');   // set with the URL change: tests and AT wait for its removal
      try {
        const manifest = await engine.manifest();
        const [result, scripts] = await Promise.all([
          engine.search(state.q, { filters: state.filters, sort: state.sort, page: state.page, pageSize: Number(d.pageSize) || 10 }),
          scriptMaps()]);
        const records = await engine.records(result.ids);
        if (mine !== run) return;               // a newer search has started
        // The count line says how it was found; advice goes on lines of its own below it.
        const exact = result.terms.some((t) => tok.isIdentifier(t)) ? d.msgExact : '';
        const notes = [];
        if (result.unknownFilter.length) notes.push(d.msgStale);
        // a lone character outside the 索引号/文号 typed (号 of 海政办规〔2025〕1号 is part of the 文号)
        if (manifest.tokenizer.unigrams === 'single' && result.looseRuns.some((r) => r.type === 'han' && Array.from(r.text).length === 1)) {
          notes.push(d.msgSingle);
        }
        const showStatus = (line) => replace(status, [line + exact].concat(notes.map((n) => el('span', { class: 'gk-search__note' }, n))));
        renderFacets(manifest, result, state, scripts.show);
        if (!result.total) {
          none.hidden = false;
          // with filters on, the facets stay so the reader can widen the search from here
          body.hidden = !Object.keys(state.filters).length;
          results.hidden = true;
          showStatus(fill(d.msgNone, { q: state.q }));
          return;
        }
        none.hidden = true;
        results.hidden = false;
        replace(list, records.map((rec) => resultItem(rec, manifest, result.runs, scripts)));
        list.start = (result.page - 1) * result.pageSize + 1;
        renderSort(state);
        renderPager(result, state);
        body.hidden = false;
        showStatus(fill(d.msgCount, { n: result.total }) +
          (result.pages > 1 ? fill(d.msgPages, { page: result.page, pages: result.pages }) : ''));
        if (focus && focus.facet) {
          const again = root.querySelector('[data-facet="' + focus.facet + '"][data-value="' + CSS.escape(focus.value) + '"]');
          (focus.facet === 'page' || !again ? heading : again).focus();
        }
      } catch (err) {
        if (mine !== run) return;
        status.textContent = d.msgError;
        if (window.console) window.console.error(err);
      } finally {
        if (mine === run) root.removeAttribute('aria-busy');
      }
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const state = { q: input.value.trim(), sort: 'relevance', page: 1, filters: {} };
      window.history.pushState(null, '', window.location.pathname + (state.q ? queryString(state) : ''));
      render(state, 'submit');
    });
    root.addEventListener('click', (event) => {
      const a = event.target.closest('a.js-search-nav');
      if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      window.history.pushState(null, '', a.getAttribute('href'));
      render(readState(window.location.search), { facet: a.dataset.facet, value: a.dataset.value });
    });
    window.addEventListener('popstate', () => render(readState(window.location.search), null));
    render(readState(window.location.search), null);
  }

  function start() {
    document.querySelectorAll('[data-module="gk-search"]').forEach(init);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
