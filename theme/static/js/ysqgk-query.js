/* 办理进度查询 (data-module="gk-ysqgk-query"): 受理编号 + 查询码 → key (PBKDF2, WebCrypto) → one shard file
 * → the case's status and dates, and its deadline computed with GKDeadline on the page's calendar.
 * A wrong code, a wrong 受理编号 or a malformed value all end in the same message (.js-q-none);
 * only empty fields get field errors. Nothing is stored; nothing but the shard is requested.
 */
(function () {
  'use strict';

  function init(root) {
    const L = window.GKLookup;
    const W = window.GKWorkdays;
    const D = window.GKDeadline;
    const page = root.closest('article') || document;
    if (!L.available()) {
      page.querySelector('.js-q-unsupported').hidden = false;
      return;
    }
    const conf = JSON.parse(root.getAttribute('data-gk-lookup'));
    const cal = new W.Calendar(JSON.parse(root.getAttribute('data-gk-calendar')));
    const shards = root.getAttribute('data-gk-shards');
    const pattern = root.getAttribute('data-gk-date-format');
    const weekdays = root.getAttribute('data-gk-weekdays');
    const form = root.querySelector('.js-q-form');
    const inputs = [root.querySelector('.js-q-no'), root.querySelector('.js-q-code')];
    const button = root.querySelector('.js-q-submit');
    const busy = root.querySelector('.js-q-busy');
    const none = root.querySelector('.js-q-none');
    const failed = root.querySelector('.js-q-failed');
    const result = root.querySelector('.js-q-result');
    const status = root.querySelector('.js-q-status');
    const labels = JSON.parse(status.getAttribute('data-gk-labels'));

    function date(iso) {
      return W.formatDate(iso, pattern, weekdays);
    }

    function fieldError(input, on) {
      const field = input.closest('.js-q-field');
      const error = field.querySelector('.js-q-error');
      const hint = input.id + '-hint';
      error.hidden = !on;
      field.classList.toggle('gk-rf-field--error', on);
      if (on) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', hint + ' ' + error.id);
      } else {
        input.removeAttribute('aria-invalid');
        input.setAttribute('aria-describedby', hint);
      }
    }

    function render(p) {
      status.textContent = labels[p.s] || '';
      Array.prototype.forEach.call(result.querySelectorAll('.js-q-row'), function (row) {
        const value = p[row.getAttribute('data-gk-key')];
        row.hidden = !value;
        row.querySelector('dd').textContent = value ? date(value) : '';
      });
      const d = D.compute(cal, { received: p.r, correctionSent: p.cs, correctionReceived: p.cr, extensionDate: p.e,
        extensionDays: p.ed, consultSent: p.ks, consultAnswered: p.ka });
      const state = d.state === 'ok' && p.e ? 'ok-extended' : d.state;
      Array.prototype.forEach.call(result.querySelectorAll('.js-q-state'), function (el) {
        el.hidden = el.getAttribute('data-gk-state') !== state;
      });
      result.querySelector('.js-q-years').textContent = d.uncovered.join('、');
      result.querySelector('.js-q-due').textContent = d.state === 'ok' ? date(d.due) : '—';
      result.hidden = false;
      result.focus();
    }

    async function lookup(no, code) {
      const key = await L.deriveKey(no, code, conf.salt, conf.iterations);
      const loc = await L.locate(key, conf.shard_hex);
      const response = await fetch(shards + loc.shard + '.json', { credentials: 'omit' });
      if (!response.ok) throw new Error('shard ' + response.status);
      return L.open(await response.json(), loc);
    }

    form.addEventListener('submit', async function (event) {
      event.preventDefault();
      const values = inputs.map(function (input) { return input.value.trim(); });
      let first = null;
      inputs.forEach(function (input, i) {
        fieldError(input, !values[i]);
        if (!values[i] && !first) first = input;
      });
      [none, failed, result].forEach(function (el) { el.hidden = true; });
      if (first) {
        first.focus();
        return;
      }
      busy.hidden = false;
      button.disabled = true;
      try {
        const payload = await lookup(values[0], values[1]);
        if (payload) {
          render(payload);
        } else {
          none.hidden = false;
          none.focus();
        }
      } catch (e) {
        failed.hidden = false;
        failed.focus();
      } finally {
        busy.hidden = true;
        button.disabled = false;
      }
    });
    root.hidden = false;
  }

  function start() {
    if (!window.GKWorkdays || !window.GKDeadline || !window.GKLookup) return;
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="gk-ysqgk-query"]'), init);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
