/* 答复期限计算 (data-module="gk-deadline-calc"): receipt date → 20-working-day due date and the
 * date after a 20-day extension, from the calendar the build put in data-gk-calendar.
 * Without JS the block stays hidden and the page's worked example explains the rule.
 */
(function () {
  'use strict';

  function init(root) {
    const wd = window.GKWorkdays;
    const cal = new wd.Calendar(JSON.parse(root.getAttribute('data-gk-calendar')));
    const pattern = root.getAttribute('data-gk-date-format');
    const weekdays = root.getAttribute('data-gk-weekdays');
    const days = Number(root.getAttribute('data-gk-days'));
    const extension = Number(root.getAttribute('data-gk-extension'));
    const form = root.querySelector('.js-calc-form');
    const input = root.querySelector('.js-calc-date');
    const error = root.querySelector('.js-calc-error');
    const output = root.querySelector('.js-calc-output');
    const uncovered = root.querySelector('.js-calc-uncovered');
    const hint = input.getAttribute('aria-describedby');

    function fail() {
      error.hidden = false;
      output.hidden = true;
      uncovered.hidden = true;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', hint + ' ' + error.id);
      error.parentNode.classList.add('gk-rf-field--error');
      input.focus();
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      const received = input.value.trim();
      if (wd.parse(received) === null) {
        fail();
        return;
      }
      error.hidden = true;
      error.parentNode.classList.remove('gk-rf-field--error');
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', hint);
      const due = cal.addWorkdays(received, days);
      const extended = cal.addWorkdays(due, extension);
      root.querySelector('.js-calc-due').textContent = wd.formatDate(due, pattern, weekdays);
      root.querySelector('.js-calc-extended').textContent = wd.formatDate(extended, pattern, weekdays);
      output.hidden = false;
      const missing = cal.uncoveredYears(received, extended);
      root.querySelector('.js-calc-years').textContent = missing.join('、');
      uncovered.hidden = missing.length === 0;
    });
    root.hidden = false;
  }

  function start() {
    if (!window.GKWorkdays) return;
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="gk-deadline-calc"]'), init);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
