// Run queries with the real lunr.js over an index written by plugins/search_index.
// Usage: node search_query.js INDEX_DIR QUERIES.json → JSON on stdout, one entry per query:
//   {total, titles, ids, scores, facets, terms, files: [[path, raw bytes, gzip bytes]], ms, warmMs, runs, looseRuns}
// QUERIES: [{q, filters?, sort?, page?, pageSize?, all?}]. Each query starts cold (a new engine, no
// file cached), as a reader's first search does; warmMs repeats it on the same engine.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const lunr = require(path.join(__dirname, '..', '..', 'node_modules', 'lunr', 'lunr.js'));
const js = path.join(__dirname, '..', '..', 'theme', 'static', 'js');
const tokenizer = require(path.join(js, 'search-tokenize.js'));
const { Engine } = require(path.join(js, 'search-engine.js'));

const dir = process.argv[2];
const queries = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const BASE = '/search/';

function engine(files) {
  return new Engine({
    base: BASE, lunr, tokenizer,
    fetchJSON: async (url) => {
      const rel = url.slice(BASE.length).split('?')[0];
      const buf = fs.readFileSync(path.join(dir, rel));
      files.push([rel, buf.length, zlib.gzipSync(buf, { level: 6 }).length]);
      return JSON.parse(buf.toString('utf8'));
    }
  });
}

async function main() {
  const out = [];
  for (const q of queries) {
    const files = [];
    const e = engine(files);
    const t0 = process.hrtime.bigint();
    const r = await e.search(q.q, q);
    const records = await e.records(r.ids);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const t1 = process.hrtime.bigint();
    await e.search(q.q, q);
    const warmMs = Number(process.hrtime.bigint() - t1) / 1e6;
    out.push({ q: q.q, total: r.total, ids: r.ids, titles: records.map((rec) => rec[0]),
      indexNos: records.map((rec) => rec[3]), scores: r.scores, facets: r.facets, terms: r.terms,
      all: q.all ? r.all : undefined, files, ms, warmMs, unknownFilter: r.unknownFilter, runs: r.runs, looseRuns: r.looseRuns });
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack || err));
  process.exit(1);
});
