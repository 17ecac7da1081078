/* The paper 申请表 (components/request_form.html "paper" macro): fill it from the form, turn it into
 * a prefilled e-mail, and print it (data-module="gk-paper-print" on the blank form page).
 * Loads as a classic script: window.GKRequestPaper. No user-facing text here: labels come from the
 * table, the e-mail's subject, intro and "too long" note from data attributes of the mailto link.
 */
(function () {
  'use strict';

  // Some mail programs cut longer mailto: links; the body is shortened with a note beyond this.
  const MAILTO_MAX = 8000;

  function $$(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  /* data: the normalised application; selectLabel(name) gives the shown text of a select's value. */
  function fill(paper, data, selectLabel, dateText) {
    $$(paper, '[data-gk-fill]').forEach(function (cell) {
      const name = cell.getAttribute('data-gk-fill');
      const value = data[name];
      const options = $$(cell, '.js-paper-opt');
      if (options.length) {
        options.forEach(function (opt) {
          const code = opt.getAttribute('data-gk-option');
          const on = Array.isArray(value) ? value.indexOf(code) !== -1 : value === code || (value === true && code === 'on');
          opt.setAttribute('data-selected', on ? 'true' : 'false');
          opt.querySelector('.js-paper-selected').hidden = !on;
        });
        return;
      }
      const text = value == null ? '' : String(value);
      cell.querySelector('.js-paper-text').textContent = (text && selectLabel(name)) || text;
    });
    paper.querySelector('.js-paper-date').textContent = dateText;
  }

  /* "标签：值" per filled row, in table order; rows marked data-gk-mail="skip" are left out. */
  function mailBody(paper) {
    return $$(paper, 'tr:not([data-gk-mail="skip"])').map(function (row) {
      const heads = $$(row, 'th');
      const cell = row.querySelector('td');
      if (!heads.length || !cell) return '';
      const options = $$(cell, '.js-paper-opt');
      const value = options.length
        ? options.filter(function (o) { return o.getAttribute('data-selected') === 'true'; })
          .map(function (o) { return o.getAttribute('data-gk-label'); }).join('、')
        : cell.textContent.trim();
      return value ? heads[heads.length - 1].textContent.trim() + '：' + value : '';
    }).filter(Boolean).join('\n');
  }

  function updateMailto(link, paper) {
    const address = link.getAttribute('href').split('?')[0];
    const subject = '?subject=' + encodeURIComponent(link.getAttribute('data-gk-subject'));
    let body = link.getAttribute('data-gk-intro') + '\n\n' + mailBody(paper);
    let href = address + subject + '&body=' + encodeURIComponent(body);
    const note = '\n' + link.getAttribute('data-gk-too-long');
    while (href.length > MAILTO_MAX && body.length > 0) {
      body = body.slice(0, Math.floor(body.length * 0.9));
      href = address + subject + '&body=' + encodeURIComponent(body + note);
    }
    link.setAttribute('href', href);
  }

  function initPrint(root) {
    const button = root.querySelector('.js-paper-print');
    if (!button) return;
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  }

  window.GKRequestPaper = { fill: fill, mailBody: mailBody, updateMailto: updateMailto };

  function start() {
    $$(document, '[data-module="gk-paper-print"]').forEach(initPrint);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
