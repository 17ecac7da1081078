// The web editor's file formats and 索引号 rule (gongkai/cms/static/*.js) for a list of questions.
// Usage: node cms_formats.js CONFIG.json CASES.json → JSON on stdout.
// CASES: {"scalars": [text, …], "items": [file text, …], "reports": […], "calendars": […], "pages": […],
//         "next": [[existing, code, year, month, template], …], "dates": [text, …], "serials": [index_no, …]}
'use strict';
const fs = require('fs');
const path = require('path');
const jsyaml = require('js-yaml');
const dir = path.join(__dirname, '..', '..', 'gongkai', 'cms', 'static');
const Y = require(path.join(dir, 'gk-yaml.js'));
const I = require(path.join(dir, 'gk-index.js'));
const makeFormats = require(path.join(dir, 'gk-formats.js'));

const gk = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const cases = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const F = makeFormats(jsyaml, Y, gk);
const roundTrip = (fmt) => (text) => fmt.toFile(fmt.fromFile(text));
process.stdout.write(JSON.stringify({
  scalars: (cases.scalars || []).map((s) => Y.scalar(s)),
  items: (cases.items || []).map(roundTrip(F.item)),
  reports: (cases.reports || []).map(roundTrip(F.report)),
  calendars: (cases.calendars || []).map(roundTrip(F.calendar)),
  pages: (cases.pages || []).map(roundTrip(F.page)),
  data: (cases.data || []).map((d) => F.item.toFile(d)),
  next: (cases.next || []).map(([ex, code, y, m, t]) => I.nextIndexNo(ex, code, y, m, t)),
  dates: (cases.dates || []).map((d) => I.dateProblem(d)),
  serials: (cases.serials || []).map((n) => I.serialOf(n)),
  matches: (cases.matches || []).map(([n, p]) => I.matches(n, p))
}));
