/* Working days (工作日) in the browser: the twin of plugins/workdays/core.py.
 *
 * The calendar data is Calendar.to_json() from the build ({years, holidays, workdays}, dates as
 * YYYY-MM-DD). The day of receipt is not counted; years without a calendar file fall back to
 * Monday–Friday, and covers() tells the page to say so.
 * Loads as a classic script (window.GKWorkdays) and as a CommonJS module for the Node tests.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.GKWorkdays = api;
  }
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const DAY = 86400000;

  // Dates are handled as UTC midnights so no time zone or DST can shift a day.
  function parse(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    if (!m) return null;
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return format(t) === iso ? t : null;
  }

  function format(t) {
    return new Date(t).toISOString().slice(0, 10);
  }

  function Calendar(data) {
    this.years = data.years || [];
    this.holidays = data.holidays || {};
    this.workdays = data.workdays || {};
  }

  Calendar.prototype.covers = function (iso) {
    return this.years.indexOf(Number(iso.slice(0, 4))) !== -1;
  };

  Calendar.prototype.isWorkday = function (iso) {
    if (Object.prototype.hasOwnProperty.call(this.workdays, iso)) return true;
    if (Object.prototype.hasOwnProperty.call(this.holidays, iso)) return false;
    const dow = new Date(parse(iso)).getUTCDay();
    return dow !== 0 && dow !== 6;
  };

  /* The Nth working day after start (start itself not counted). */
  Calendar.prototype.addWorkdays = function (startIso, n) {
    let t = parse(startIso);
    if (t === null || n < 0) throw new RangeError('addWorkdays: bad date or n');
    while (n > 0) {
      t += DAY;
      if (this.isWorkday(format(t))) n -= 1;
    }
    return format(t);
  };

  /* Working days in (a, b]; negative when b is before a. */
  Calendar.prototype.workdaysBetween = function (aIso, bIso) {
    const a = parse(aIso);
    const b = parse(bIso);
    if (b < a) return -this.workdaysBetween(bIso, aIso);
    let count = 0;
    for (let t = a + DAY; t <= b; t += DAY) {
      if (this.isWorkday(format(t))) count += 1;
    }
    return count;
  };

  /* Years from a to b (inclusive) that have no calendar file. */
  Calendar.prototype.uncoveredYears = function (aIso, bIso) {
    const lo = Math.min(Number(aIso.slice(0, 4)), Number(bIso.slice(0, 4)));
    const hi = Math.max(Number(aIso.slice(0, 4)), Number(bIso.slice(0, 4)));
    const out = [];
    for (let y = lo; y <= hi; y += 1) {
      if (this.years.indexOf(y) === -1) out.push(y);
    }
    return out;
  };

  /* "2025-10-30" with pattern "{y}年{m}月{d}日（星期{w}）" and weekday names starting on Sunday.
     The pattern and names come from the page (data attributes), never from this file. */
  function formatDate(iso, pattern, weekdays) {
    const d = new Date(parse(iso));
    return pattern
      .replace('{y}', String(d.getUTCFullYear()))
      .replace('{m}', String(d.getUTCMonth() + 1))
      .replace('{d}', String(d.getUTCDate()))
      .replace('{w}', weekdays ? weekdays.charAt(d.getUTCDay()) : '');
  }

  return { Calendar: Calendar, parse: parse, format: format, formatDate: formatDate };
});
