// Every term of every partition of an index, answered by lunr.js 2.3.9: refs and scores in lunr's order.
// Usage: node search_all_terms.js INDEX_DIR → JSON {"family/name": {term: [[ref, score], …]}}.
'use strict';
const fs = require('fs');
const path = require('path');
const lunr = require(path.join(__dirname, '..', '..', 'node_modules', 'lunr', 'lunr.js'));

const dir = process.argv[2];
const out = {};
for (const family of ['w', 'x']) {
  for (const name of fs.readdirSync(path.join(dir, family)).sort()) {
    const index = lunr.Index.load(JSON.parse(fs.readFileSync(path.join(dir, family, name), 'utf8')));
    const answers = {};
    for (const term of Object.keys(index.invertedIndex).sort()) {
      answers[term] = index.query((q) => q.term(term, { usePipeline: false })).map((r) => [r.ref, r.score]);
    }
    out[family + '/' + name] = answers;
  }
}
process.stdout.write(JSON.stringify(out));
