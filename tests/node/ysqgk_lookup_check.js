// The 查询码 lookup of theme/static/js/ysqgk-lookup.js (WebCrypto under Node) against Python's shards.
// Usage: node ysqgk_lookup_check.js QUESTIONS.json → JSON on stdout.
// QUESTIONS: {salt, iterations, shard_hex, shards: {name: file text}, ask: [[受理编号, 查询码], …]}
'use strict';
const fs = require('fs');
const path = require('path');
const L = require(path.join(__dirname, '..', '..', 'theme', 'static', 'js', 'ysqgk-lookup.js'));

(async function () {
  const q = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const out = [];
  for (const [no, code] of q.ask) {
    const key = await L.deriveKey(no, code, q.salt, q.iterations);
    const loc = await L.locate(key, q.shard_hex);
    const payload = await L.open(JSON.parse(q.shards[loc.shard]), loc);
    out.push({ key: L.hex(key), shard: loc.shard, payload: payload });
  }
  process.stdout.write(JSON.stringify(out));
})().catch(function (e) { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
