// Tokens of each test string through theme/static/js/search-tokenize.js.
// Usage: node search_tokenize.js T2S_MAP.json CASES.json UNIGRAMS → JSON [[token, …], …] on stdout.
'use strict';
const fs = require('fs');
const path = require('path');
const tok = require(path.join(__dirname, '..', '..', 'theme', 'static', 'js', 'search-tokenize.js'));

const map = tok.charMap(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
const cases = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
process.stdout.write(JSON.stringify(cases.map((text) => tok.tokens(text, map, process.argv[4]))));
