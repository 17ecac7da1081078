// Runs the shared request-form vectors through theme/static/js/request-form.js.
// Usage: node request_form_check.js RULES.json VECTORS.json  → JSON on stdout.
'use strict';
const fs = require('fs');
const path = require('path');
const rf = require(path.join(__dirname, '..', '..', 'theme', 'static', 'js', 'request-form.js'));

const rules = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const vectors = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const checks = rf.makeChecks(rules.patterns);
const out = {
  formats: vectors.formats.map((v) => checks[v.format](v.value, vectors.today)),
  forms: vectors.forms.map((v) => ({
    errors: rf.validate(v.raw, rules, vectors.today),
    normalized: rf.normalize(v.raw, rules)
  }))
};
process.stdout.write(JSON.stringify(out));
