// Every partition file of an index loads with lunr.Index.load (lunr.js 2.3.9, no version warning)
// and lunr itself scores each of its terms. Usage: node search_lunr_load.js INDEX_DIR → JSON summary.
'use strict';
const fs = require('fs');
const path = require('path');
const lunr = require(path.join(__dirname, '..', '..', 'node_modules', 'lunr', 'lunr.js'));

const warnings = [];
lunr.utils.warn = (message) => warnings.push(message);
const dir = process.argv[2];
const out = { files: 0, terms: 0, unscored: [], warnings, version: lunr.version };
for (const family of ['w', 'x']) {
  for (const name of fs.readdirSync(path.join(dir, family))) {
    const index = lunr.Index.load(JSON.parse(fs.readFileSync(path.join(dir, family, name), 'utf8')));
    out.files += 1;
    for (const term of Object.keys(index.invertedIndex)) {
      out.terms += 1;
      const hits = index.query((q) => q.term(term, { usePipeline: false }));
      if (!hits.length || !(hits[0].score > 0)) out.unscored.push(family + '/' + name + ':' + term);
    }
  }
}
process.stdout.write(JSON.stringify(out));
