// Statutory deadlines in theme/static/js/ysqgk-deadline.js for the shared vectors.
// Usage: node ysqgk_deadline_check.js CALENDAR.json VECTORS.json → JSON list of results on stdout.
'use strict';
const fs = require('fs');
const path = require('path');
const js = path.join(__dirname, '..', '..', 'theme', 'static', 'js');
const wd = require(path.join(js, 'workdays.js'));
const D = require(path.join(js, 'ysqgk-deadline.js'));

const cal = new wd.Calendar(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
const vectors = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
process.stdout.write(JSON.stringify(vectors.cases.map(function (v) {
  const c = v.case;
  const d = D.compute(cal, { received: c.received, correctionSent: c.correction_sent, correctionReceived: c.correction_received,
    extensionDate: c.extension_date, extensionDays: c.extension_days, consultSent: c.consult_sent, consultAnswered: c.consult_answered });
  return { state: d.state, start: d.start, base_due: d.baseDue, due: d.due, paused: d.paused, uncovered: d.uncovered };
})));
