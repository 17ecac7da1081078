/* Statutory reply deadline of one application: the twin of plugins/ysqgk/deadlines.py.
 *
 * compute(cal, c) with a GKWorkdays.Calendar and the case's dates (YYYY-MM-DD strings):
 *   {received, correctionSent, correctionReceived, extensionDate, extensionDays, consultSent, consultAnswered}
 * → {state: 'ok'|'correction'|'consulting'|'uncovered', start, baseDue, due, paused, uncovered: [years]}.
 * The rules (Arts. 30–33) are documented in deadlines.py; tests/node/ysqgk_deadline_check.js runs the
 * cases that tests/unit/requests/test_deadlines.py runs through Python, and both must agree.
 * Loads as a classic script (window.GKDeadline) and as a CommonJS module for the Node tests.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.GKDeadline = api;
  }
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const REPLY_DAYS = 20;
  const EXTENSION_DAYS = 20;

  function later(a, b) {
    return a > b ? a : b;            // ISO dates compare as strings
  }

  function compute(cal, c) {
    if (c.correctionSent && !c.correctionReceived) {
      return { state: 'correction', start: null, baseDue: null, due: null, paused: 0, uncovered: [] };
    }
    const start = c.correctionReceived || c.received;
    const ext = c.extensionDate ? (c.extensionDays || EXTENSION_DAYS) : 0;
    if (c.consultSent && !c.consultAnswered) {
      const missing = cal.uncoveredYears(c.received, later(c.consultSent, start));
      return { state: missing.length ? 'uncovered' : 'consulting', start: start, baseDue: null, due: null,
        paused: 0, uncovered: missing };
    }
    const pauseFrom = c.consultSent ? later(c.consultSent, start) : null;

    function dueFor(n) {
      const plain = cal.addWorkdays(start, n);
      if (pauseFrom === null || pauseFrom >= plain) return [plain, 0];
      const paused = cal.workdaysBetween(pauseFrom, later(c.consultAnswered, pauseFrom));
      return [cal.addWorkdays(start, n + paused), paused];
    }

    const baseDue = dueFor(REPLY_DAYS)[0];
    const [due, paused] = dueFor(REPLY_DAYS + ext);
    const missing = cal.uncoveredYears(c.received, due);
    if (missing.length) {
      return { state: 'uncovered', start: start, baseDue: null, due: null, paused: 0, uncovered: missing };
    }
    return { state: 'ok', start: start, baseDue: baseDue, due: due, paused: paused, uncovered: [] };
  }

  return { compute: compute, REPLY_DAYS: REPLY_DAYS, EXTENSION_DAYS: EXTENSION_DAYS };
});
