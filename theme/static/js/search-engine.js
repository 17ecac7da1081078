/* Search over the partitioned index written by plugins/search_index (read build.py's docstring first).
 *
 * A query is tokenized like the documents (search-tokenize.js); each term lives in one partition,
 * chosen by FNV-1a hash, which is fetched once and loaded with lunr.Index.load. Each partition is
 * queried with lunr for the terms it holds; lunr's score there is dot(q, d) / |q| for that partition's
 * terms, so score × |q| (√terms, every boost 1) is the partition's share of the dot product one big
 * index would compute, and the shares are added. Every term is required (AND): a document must hold
 * all of them — in lunr's postings or, for a pruned frequent term, in the full set stored beside them.
 * An identifier the reader typed (索引号, 文号) is looked up exactly first; its parts are the fallback.
 *
 * Loads as a classic script (window.GKSearchEngine) and as a CommonJS module (Node tests, bench).
 * Needs lunr (2.3.9) and GKSearchTokenize, passed in.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.GKSearchEngine = api;
  }
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const FORMAT = 1;
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64_VALUE = new Int8Array(128).fill(-1);
  for (let i = 0; i < B64.length; i += 1) B64_VALUE[B64.charCodeAt(i)] = i;
  const FACETS = ['category', 'publisher', 'year', 'status'];
  const MAX_TERMS = 32;      // a pasted paragraph would fetch most partitions; fewer terms only widen the match

  function fnv1a(term) {
    let h = 0x811c9dc5;
    for (let i = 0; i < term.length; i += 1) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  }

  /* Varints of lunrfmt.varint, from position start. */
  function varints(text, start) {
    const out = [];
    let value = 0;
    for (let i = start || 0; i < text.length; i += 1) {
      const v = B64_VALUE[text.charCodeAt(i)];
      value = value * 32 + (v & 31);
      if (!(v & 32)) {
        out.push(value);
        value = 0;
      }
    }
    return out;
  }

  /* A document set of lunrfmt.encode_members → sorted array of ids. */
  function members(text, docCount) {
    const gaps = varints(text, 1);
    const ids = [];
    let prev = -1;
    for (const gap of gaps) {
      prev += gap + 1;
      ids.push(prev);
    }
    if (text[0] !== 'c') return ids;
    const out = [];
    let j = 0;
    for (let d = 0; d < docCount; d += 1) {
      if (j < ids.length && ids[j] === d) j += 1;
      else out.push(d);
    }
    return out;
  }

  function column(col, n) {
    const out = new Uint16Array(n);
    for (let i = 0; i < n; i += 1) {
      let v = 0;
      for (let k = 0; k < col.w; k += 1) v = v * 64 + B64_VALUE[col.v.charCodeAt(i * col.w + k)];
      out[i] = v;
    }
    return out;
  }

  function Engine(options) {
    this.base = options.base;                 // URL of the index folder, ending in '/'
    this.fetchJSON = options.fetchJSON;       // (url, {fresh}) → Promise of parsed JSON
    this.lunr = options.lunr;
    this.tok = options.tokenizer;
    this.loaded = new Map();                  // url → Promise
  }

  Engine.prototype.get = function (path) {
    const url = this.base + path + (this.version ? '?v=' + this.version : '');
    if (!this.loaded.has(url)) this.loaded.set(url, this.fetchJSON(url));
    return this.loaded.get(url);
  };

  Engine.prototype.manifest = function () {
    if (!this.manifestPromise) {
      // fresh: revalidated every time, so a new deployment's partition files never meet an old manifest
      this.manifestPromise = this.fetchJSON(this.base + 'manifest.json', { fresh: true }).then((m) => {
        if (m.format !== FORMAT || m.tokenizer.version !== this.tok.VERSION) {
          throw new Error('gk-search: index format ' + m.format + '/' + m.tokenizer.version + ' is not supported');
        }
        this.version = m.v || '';
        return m;
      });
    }
    return this.manifestPromise;
  };

  /* The 繁→简 map, fetched only when the text holds a character it changes. */
  Engine.prototype.charMap = async function (text) {
    const m = await this.manifest();
    const bits = this.t2sBits || (this.t2sBits = Uint8Array.from(atobSafe(m.tokenizer.t2sKeys), (c) => c.charCodeAt(0)));
    const first = m.tokenizer.t2sFirst;
    let needed = false;
    for (const c of String(text).normalize('NFKC')) {
      const i = c.codePointAt(0) - first;
      if (i >= 0 && i < bits.length * 8 && (bits[i >> 3] >> (i & 7)) & 1) {
        needed = true;
        break;
      }
    }
    if (!needed) return null;
    if (!this.t2s) this.t2s = this.get(m.tokenizer.t2s).then((data) => this.tok.charMap(data));
    return this.t2s;
  };

  /* Plans for a query: [exact identifiers + other words], then [all parts]; each a list of terms. */
  Engine.prototype.plan = async function (text) {
    const map = await this.charMap(text);
    const norm = this.tok.normalize(text, map);
    const spans = this.tok.identifierSpans(norm).sort((a, b) => a.start - b.start || b.end - a.end);
    const words = (s) => this.tok.tokens(s, null, 'single').filter((t) => !this.tok.isIdentifier(t));
    const plans = [];
    let rest = norm;
    if (spans.length) {
      let pos = 0;
      const exact = [];
      rest = '';
      for (const s of spans) {
        if (s.start < pos) continue;
        rest += norm.slice(pos, s.start) + ' ';
        pos = s.end;
        exact.push(s.token);
      }
      rest += norm.slice(pos);
      plans.push(unique(exact.concat(words(rest))));
    }
    plans.push(unique(words(norm)));
    // runs: every run of the query (highlighting); looseRuns: those outside the identifiers it holds
    return { plans: plans.filter((p) => p.length).map((p) => p.slice(0, MAX_TERMS)), norm,
      runs: this.tok.runs(norm, null), looseRuns: this.tok.runs(rest, null) };
  };

  function unique(list) {
    return Array.from(new Set(list));
  }

  Engine.prototype.partition = async function (term) {
    const m = await this.manifest();
    const family = m.families[this.tok.isIdentifier(term) ? 'x' : 'w'];
    const path = family.path + (fnv1a(term) % family.buckets) + '.json';
    if (!this.indexes) this.indexes = new Map();
    if (!this.indexes.has(path)) {
      this.indexes.set(path, this.get(path).then((data) => ({
        path, index: this.lunr.Index.load(data), members: (data.gk && data.gk.m) || {}
      })));
    }
    return this.indexes.get(path);
  };

  /* Documents holding every term, with summed lunr scores: {ids: [...], score: Float64Array}. */
  Engine.prototype.match = async function (terms) {
    const m = await this.manifest();
    const n = m.docs;
    const parts = await Promise.all(terms.map((t) => this.partition(t)));
    const byPart = new Map();
    terms.forEach((t, i) => {
      if (!byPart.has(parts[i])) byPart.set(parts[i], []);
      byPart.get(parts[i]).push(t);
    });
    const score = new Float64Array(n);
    const hits = new Uint16Array(n);
    const lunr = this.lunr;
    for (const [part, list] of byPart) {
      const index = part.index;
      if (list.some((t) => !(t in index.invertedIndex))) return { ids: [], score };
      const results = index.query((q) => {
        for (const t of list) q.term(t, { usePipeline: false, wildcard: lunr.Query.wildcard.NONE, boost: 1 });
      });
      const magnitude = Math.sqrt(list.length);
      const seen = new Map(list.map((t) => [t, []]));
      for (const r of results) {
        const id = parseInt(r.ref, 36);
        score[id] += r.score * magnitude;
        for (const t of Object.keys(r.matchData.metadata)) seen.get(t).push(id);
      }
      for (const t of list) {
        const ids = part.members[t] ? members(part.members[t], n) : seen.get(t);
        for (const id of ids) hits[id] += 1;
      }
    }
    const ids = [];
    for (let d = 0; d < n; d += 1) if (hits[d] === terms.length) ids.push(d);
    return { ids, score };
  };

  Engine.prototype.table = async function () {
    if (!this.tablePromise) {
      this.tablePromise = (async () => {
        const m = await this.manifest();
        const t = await this.get(m.table);
        const n = t.n;
        const yearPos = new Map(m.facets.year.map((row, i) => [row[0], i]));
        const year = new Uint16Array(n);
        t.years.forEach(([y, first], k) => {
          const end = k + 1 < t.years.length ? t.years[k + 1][1] : n;
          year.fill(yearPos.get(y), first, end);
        });
        return { n, category: column(t.category, n), publisher: column(t.publisher, n),
          status: column(t.status, n), year };
      })();
    }
    return this.tablePromise;
  };

  /* Position of a facet value given by its URL key (category/publisher/status key, year number). */
  function facetPosition(manifest, facet, key) {
    if (key === undefined || key === null || key === '') return -1;
    const rows = manifest.facets[facet];
    for (let i = 0; i < rows.length; i += 1) if (String(rows[i][0]) === String(key)) return i;
    return -2;   // an unknown value matches nothing (a stale shared link says so instead of ignoring it)
  }

  /* Run a query. options: {filters: {category, publisher, year, status}, sort: 'relevance'|'date',
   * page (1-based), pageSize}. Returns {total, page, pages, ids (this page), facets, terms (of the plan
   * used), runs and looseRuns (of the query; looseRuns leave out its 索引号 and 文号), unknownFilter}. */
  Engine.prototype.search = async function (text, options) {
    const opts = options || {};
    const m = await this.manifest();
    const planned = await this.plan(text);
    let found = { ids: [], score: null };
    let used = [];
    for (const terms of planned.plans) {
      found = await this.match(terms);
      used = terms;
      if (found.ids.length) break;
    }
    const table = await this.table();
    const wanted = {};
    for (const f of FACETS) wanted[f] = facetPosition(m, f, (opts.filters || {})[f]);
    const facets = {};
    for (const f of FACETS) facets[f] = new Uint32Array(m.facets[f].length);
    const kept = [];
    for (const id of found.ids) {
      let misses = 0;
      let missed = '';
      for (const f of FACETS) {
        if (wanted[f] !== -1 && table[f][id] !== wanted[f]) {
          misses += 1;
          missed = f;
        }
      }
      if (misses === 0) {
        kept.push(id);
        for (const f of FACETS) facets[f][table[f][id]] += 1;
      } else if (misses === 1) {
        facets[missed][table[missed][id]] += 1;   // counts of a facet ignore its own selection
      }
    }
    const score = found.score;
    if (opts.sort === 'date') {
      kept.sort((a, b) => a - b);                            // ids are in date order, newest first
    } else {
      kept.sort((a, b) => score[b] - score[a] || a - b);     // equal scores: newest first
    }
    const counts = {};
    for (const f of FACETS) counts[f] = Array.from(facets[f]);
    const size = opts.pageSize || 10;
    const pages = Math.max(1, Math.ceil(kept.length / size));
    const page = Math.min(Math.max(1, opts.page || 1), pages);
    return {
      total: kept.length, page, pages, pageSize: size, all: kept,
      ids: kept.slice((page - 1) * size, page * size),
      facets: counts,
      scores: kept.slice((page - 1) * size, page * size).map((id) => score ? score[id] : 0),
      terms: used, runs: planned.runs, looseRuns: planned.looseRuns, unknownFilter: FACETS.filter((f) => wanted[f] === -2)
    };
  };

  /* Display records (lunrfmt display_record) of ids, in that order; only their chunks are fetched. */
  Engine.prototype.records = async function (ids) {
    const m = await this.manifest();
    const size = m.display.size;
    const chunks = await Promise.all(unique(ids.map((id) => Math.floor(id / size)))
      .map((c) => this.get(m.display.path + c + '.json').then((rows) => [c, rows])));
    const byChunk = new Map(chunks);
    return ids.map((id) => byChunk.get(Math.floor(id / size))[id % size]);
  };

  function atobSafe(b64) {
    if (typeof atob === 'function') return atob(b64);
    return Buffer.from(b64, 'base64').toString('binary');   // Node
  }

  return { Engine, fnv1a, members, varints, FACETS };
});
