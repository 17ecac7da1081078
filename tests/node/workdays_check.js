// Working days in theme/static/js/workdays.js for a list of questions.
// Usage: node workdays_check.js CALENDAR.json CASES.json → JSON on stdout.
// CASES: {"days": ["YYYY-MM-DD", …], "add": [["YYYY-MM-DD", n], …], "between": [["a", "b"], …]}
'use strict';
const fs = require('fs');
const path = require('path');
const wd = require(path.join(__dirname, '..', '..', 'theme', 'static', 'js', 'workdays.js'));

const cal = new wd.Calendar(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
const cases = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
process.stdout.write(JSON.stringify({
  days: cases.days.map((d) => [cal.isWorkday(d), cal.covers(d)]),
  add: cases.add.map(([d, n]) => cal.addWorkdays(d, n)),
  between: cases.between.map(([a, b]) => cal.workdaysBetween(a, b))
}));
