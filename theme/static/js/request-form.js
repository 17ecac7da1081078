/* Request-form rules (依申请公开): the browser twin of plugins/request_form/validators.py.
 *
 * Pure functions, no DOM: normalize() shapes what a person typed into the JSON body that is
 * POSTed, validate() returns {field: errorCode}. The field rules and regular expressions are not
 * written here: they come from fields.py (the page carries them in data-gk-rules), so the
 * Python validators, the JSON Schema and this file apply one set of rules. Error codes are turned
 * into Chinese messages by the page (data-gk-msg-* attributes), never by this file.
 * Loads as a classic script (window.GKRequestForm) and as a CommonJS module for the Node tests.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.GKRequestForm = api;
  }
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  // Same list as validators.SPACE.
  const SPACE = ' \\t\\n\\r\\f\\v\\u00a0\\u3000';
  const TRIM = new RegExp('^[' + SPACE + ']+|[' + SPACE + ']+$', 'g');
  const SPACES = new RegExp('[' + SPACE + ']+', 'g');
  const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const ID_CHECK = '10X98765432';
  const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

  function idCheckChar(first17) {
    let sum = 0;
    for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * ID_WEIGHTS[i];
    return ID_CHECK[sum % 11];
  }

  function usccCheckChar(first17) {
    let sum = 0;
    for (let i = 0; i < 17; i += 1) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
    return USCC_CHARS[(31 - (sum % 31)) % 31];
  }

  function pad(n, width) {
    return String(n).padStart(width, '0');
  }

  function isoToday(today) {
    if (typeof today === 'string') return today;
    const d = today || new Date();
    return pad(d.getFullYear(), 4) + '-' + pad(d.getMonth() + 1, 2) + '-' + pad(d.getDate(), 2);
  }

  /* The format checks, built over the shared patterns; each returns null or an error code. */
  function makeChecks(patterns) {
    const re = {};
    Object.keys(patterns).forEach(function (k) { re[k] = new RegExp(patterns[k]); });
    return {
      gb11643: function (value, today) {
        if (!re.gb11643.test(value)) return 'id_format';
        const y = Number(value.slice(6, 10));
        const m = Number(value.slice(10, 12));
        const d = Number(value.slice(12, 14));
        const date = new Date(Date.UTC(y, m - 1, d));
        if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
          return 'id_birthdate';
        }
        const born = value.slice(6, 10) + '-' + value.slice(10, 12) + '-' + value.slice(12, 14);
        if (born < '1900-01-01' || born > isoToday(today)) return 'id_birthdate';
        return idCheckChar(value.slice(0, 17)) === value[17] ? null : 'id_checksum';
      },
      gb32100: function (value) {
        if (!re.gb32100.test(value)) return 'uscc_format';
        return usccCheckChar(value.slice(0, 17)) === value[17] ? null : 'uscc_checksum';
      },
      phone: function (value) {
        if (re.phone.test(value)) return null;
        return value[0] === '1' || value[0] === '+' ? 'mobile' : 'landline';
      },
      landline: function (value) { return re.landline.test(value) ? null : 'landline'; },
      email: function (value) { return re.email.test(value) ? null : 'email'; },
      postcode: function (value) { return re.postcode.test(value) ? null : 'postcode'; },
      other_id: function (value) { return re.other_id.test(value) ? null : 'other_id_format'; }
    };
  }

  function clean(value, mode) {
    let text = String(value).replace(TRIM, '');
    if (mode === 'compact' || mode === 'compact_upper') text = text.replace(SPACES, '');
    return mode === 'compact_upper' ? text.toUpperCase() : text;
  }

  function applies(field, data) {
    return field.applies_to.length === 0 || field.applies_to.indexOf(data.applicant_type) !== -1;
  }

  /* What a person typed ({name: string | string[] | boolean}) → the JSON body (without meta). */
  function normalize(raw, rules) {
    const out = {};
    const type = clean(raw.applicant_type == null ? '' : raw.applicant_type, '');
    rules.fields.forEach(function (f) {
      if (!applies(f, { applicant_type: type })) return;
      const value = raw[f.name];
      if (f.kind === 'checkbox') {
        if (value === true || value === 'on') out[f.name] = true;
      } else if (f.kind === 'checkboxes') {
        const given = (value || []).map(String);
        const known = f.options.filter(function (o) { return given.indexOf(o) !== -1; });
        const extra = given.filter(function (v, i) { return known.indexOf(v) === -1 && given.indexOf(v) === i; });
        if (known.length + extra.length) out[f.name] = known.concat(extra);
      } else if (value != null) {
        const text = clean(value, f.normalize);
        if (text) out[f.name] = text;
      }
    });
    return out;
  }

  function isRequired(field, data) {
    if (field.required) return true;
    return Object.keys(field.required_when).some(function (other) {
      const held = Array.isArray(data[other]) ? data[other] : [data[other]];
      return field.required_when[other].some(function (v) { return held.indexOf(v) !== -1; });
    });
  }

  function fieldFormat(field, data) {
    if (field.format_by) return field.format_by.map[data[field.format_by.field]] || '';
    return field.format;
  }

  /* Errors as {field: code} in form order; {} means the application is complete. */
  function validate(raw, rules, today) {
    const checks = makeChecks(rules.patterns);
    const data = normalize(raw, rules);
    const errors = {};
    rules.fields.forEach(function (f) {
      if (!applies(f, data)) return;
      const value = data[f.name];
      if (value === undefined) {
        if (isRequired(f, data)) errors[f.name] = 'required';
        return;
      }
      if (f.kind === 'select' || f.kind === 'radios' || f.kind === 'checkboxes') {
        const values = Array.isArray(value) ? value : [value];
        if (values.some(function (v) { return f.options.indexOf(v) === -1; })) errors[f.name] = 'invalid';
        return;
      }
      if (f.max_length && typeof value === 'string' && Array.from(value).length > f.max_length) {
        errors[f.name] = 'too_long';
        return;
      }
      const fmt = fieldFormat(f, data);
      const code = fmt ? checks[fmt](value, today) : null;
      if (code) errors[f.name] = code;
    });
    return errors;
  }

  return {
    normalize: normalize,
    validate: validate,
    makeChecks: makeChecks,
    isRequired: isRequired,
    idCheckChar: idCheckChar,
    usccCheckChar: usccCheckChar,
    isoToday: isoToday
  };
});
