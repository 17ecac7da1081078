/* 依申请公开 online form behaviour: data-module="gk-request-form".
 *
 * Validation follows the GOV.UK error pattern: an error summary at the top linking to each field,
 * the message beside the field, focus on the summary, nothing typed is lost. A draft lives only in
 * this tab's sessionStorage (never localStorage, cookies or the URL) and is cleared after a
 * successful submission. Submission: JSON POST to data-gk-endpoint and show the receipt number,
 * or, without an endpoint or when it fails, a filled printable 申请表 and a prefilled e-mail.
 * Rules come from request-form.js (GKRequestForm), deadlines from workdays.js (GKWorkdays), the
 * printable 申请表 and e-mail from request-form-paper.js (GKRequestPaper); every user-facing string
 * is in the page.
 */
(function () {
  'use strict';

  const DRAFT_KEY = 'gk-request-form-draft';
  const QUERY_PREFILL = [['index_no', 'index_no'], ['title', 'doc_title']];

  function $(root, selector) { return root.querySelector(selector); }
  function $$(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  function RequestForm(root) {
    this.root = root;
    this.rules = JSON.parse(root.getAttribute('data-gk-rules'));
    this.endpoint = root.getAttribute('data-gk-endpoint') || '';
    this.version = root.getAttribute('data-gk-version') || '';
    this.form = $(root, '.js-rf-form');
    this.summary = $(root, '.js-rf-summary');
    this.fallbackPanel = $(root, '.js-rf-fallback');
    this.donePanel = $(root, '.js-rf-done');
    this.submitButton = $(root, '.js-rf-submit');
    this.baseTitle = document.title;
    this.started = Date.now();
    this.fields = {};
    $$(root, '.js-rf-field').forEach(function (wrap) {
      this.fields[wrap.getAttribute('data-gk-field')] = {
        wrap: wrap,
        inputs: $$(wrap, '.js-rf-input'),
        error: $(wrap, '.js-rf-error'),
        describe: $(wrap, '.js-rf-describe')
      };
    }, this);
    this.bind();
    const restored = this.restoreDraft();
    this.prefillFromQuery();
    this.updateGroups();
    if (restored) $(root, '.js-rf-restored').hidden = false;
    root.classList.add('gk-rf--enhanced');
  }

  // --- reading and writing the form ----------------------------------------------------------
  RequestForm.prototype.read = function () {
    const raw = {};
    this.rules.fields.forEach(function (rule) {
      const f = this.fields[rule.name];
      if (!f) return;
      if (rule.kind === 'checkboxes') {
        raw[rule.name] = f.inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      } else if (rule.kind === 'radios') {
        const chosen = f.inputs.filter(function (i) { return i.checked; })[0];
        raw[rule.name] = chosen ? chosen.value : '';
      } else if (rule.kind === 'checkbox') {
        raw[rule.name] = f.inputs[0].checked;
      } else {
        raw[rule.name] = f.inputs[0].value;
      }
    }, this);
    return raw;
  };

  RequestForm.prototype.write = function (raw) {
    this.rules.fields.forEach(function (rule) {
      const f = this.fields[rule.name];
      const value = raw[rule.name];
      if (!f || value === undefined) return;
      f.inputs.forEach(function (input) {
        if (rule.kind === 'checkboxes') input.checked = Array.isArray(value) && value.indexOf(input.value) !== -1;
        else if (rule.kind === 'checkbox') input.checked = value === true;
        else if (rule.kind === 'radios') input.checked = input.value === value;
        else input.value = value == null ? '' : String(value);
      });
    }, this);
  };

  RequestForm.prototype.updateGroups = function () {
    const type = this.read().applicant_type;
    $$(this.form, '[data-gk-applies]').forEach(function (section) {
      section.hidden = section.getAttribute('data-gk-applies') !== type;
    });
  };

  // --- draft in this tab only ---------------------------------------------------------------
  RequestForm.prototype.saveDraft = function () {
    if (this.submitted) return;
    try {
      window.sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ version: this.version, started: this.started, data: this.read() }));
    } catch (e) { /* storage full or disabled: the form still works */ }
  };

  RequestForm.prototype.restoreDraft = function () {
    let draft = null;
    try { draft = JSON.parse(window.sessionStorage.getItem(DRAFT_KEY)); } catch (e) { draft = null; }
    if (!draft || draft.version !== this.version || !draft.data) return false;
    this.write(draft.data);
    this.started = Number(draft.started) || this.started;
    return Object.keys(draft.data).some(function (k) {
      const v = draft.data[k];
      return Array.isArray(v) ? v.length > 0 : Boolean(v);
    });
  };

  RequestForm.prototype.clearDraft = function () {
    try { window.sessionStorage.removeItem(DRAFT_KEY); } catch (e) { /* nothing stored */ }
  };

  RequestForm.prototype.prefillFromQuery = function () {
    const params = new URLSearchParams(window.location.search);
    QUERY_PREFILL.forEach(function (pair) {
      const value = params.get(pair[0]);
      const f = this.fields[pair[1]];
      if (value && f) f.inputs[0].value = value.slice(0, 200);
    }, this);
  };

  // --- errors (GOV.UK error summary pattern) ----------------------------------------------------
  RequestForm.prototype.clearErrors = function () {
    Object.keys(this.fields).forEach(function (name) {
      const f = this.fields[name];
      f.wrap.classList.remove('gk-rf-field--error');
      f.error.hidden = true;
      f.error.textContent = '';
      f.inputs.forEach(function (i) { i.removeAttribute('aria-invalid'); });
      const ids = (f.describe.getAttribute('aria-describedby') || '').split(' ')
        .filter(function (id) { return id && id !== f.error.id; });
      if (ids.length) f.describe.setAttribute('aria-describedby', ids.join(' '));
      else f.describe.removeAttribute('aria-describedby');
    }, this);
    $(this.summary, '.js-rf-summary-list').textContent = '';
    this.summary.hidden = true;
    document.title = this.baseTitle;
  };

  RequestForm.prototype.showErrors = function (errors) {
    this.clearErrors();
    const list = $(this.summary, '.js-rf-summary-list');
    const prefix = this.root.getAttribute('data-gk-error-prefix') || '';
    Object.keys(errors).forEach(function (name) {
      const f = this.fields[name];
      const message = f.wrap.getAttribute('data-gk-msg-' + errors[name]) || f.wrap.getAttribute('data-gk-msg-required');
      const hidden = document.createElement('span');
      hidden.className = 'gk-rf-vh';
      hidden.textContent = prefix;
      f.error.appendChild(hidden);
      f.error.appendChild(document.createTextNode(message));
      f.error.hidden = false;
      f.wrap.classList.add('gk-rf-field--error');
      f.inputs.forEach(function (i) { i.setAttribute('aria-invalid', 'true'); });
      const ids = (f.describe.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      f.describe.setAttribute('aria-describedby', ids.concat(f.error.id).join(' '));
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = '#' + f.inputs[0].id;
      link.textContent = message;
      item.appendChild(link);
      list.appendChild(item);
    }, this);
    this.summary.hidden = false;
    document.title = prefix + this.baseTitle;
    this.summary.focus();
  };

  RequestForm.prototype.onSummaryClick = function (event) {
    const link = event.target.closest('a');
    if (!link) return;
    const input = document.getElementById(link.hash.slice(1));
    if (!input) return;
    event.preventDefault();
    // Show the question, not just the control (GOV.UK error summary behaviour).
    const fieldset = input.closest('fieldset');
    const label = fieldset ? $(fieldset, 'legend') : document.querySelector('label[for="' + input.id + '"]');
    (label || input).scrollIntoView();
    input.focus({ preventScroll: true });
  };

  // --- submission -------------------------------------------------------------------------------
  RequestForm.prototype.onSubmit = function (event) {
    event.preventDefault();
    this.saveDraft();
    const raw = this.read();
    const errors = window.GKRequestForm.validate(raw, this.rules);
    if (Object.keys(errors).length) {
      this.showErrors(errors);
      return;
    }
    this.clearErrors();
    this.send(raw);
  };

  RequestForm.prototype.payload = function (raw) {
    const body = window.GKRequestForm.normalize(raw, this.rules);
    body.meta = {
      honeypot: $(this.form, '.js-rf-honeypot').value,
      elapsed_seconds: Math.round((Date.now() - this.started) / 100) / 10,
      min_fill_seconds: Number(this.root.getAttribute('data-gk-min-fill')) || 0,
      submitted_at: new Date().toISOString(),
      form_version: this.version
    };
    return body;
  };

  RequestForm.prototype.send = function (raw) {
    if (!this.endpoint) {
      this.showFallback('none', raw);
      return;
    }
    const self = this;
    const sending = $(this.form, '.js-rf-sending');
    const controller = new AbortController();
    const timer = window.setTimeout(function () { controller.abort(); },
      1000 * (Number(this.root.getAttribute('data-gk-timeout')) || 20));
    sending.hidden = false;
    this.submitButton.disabled = true;
    window.fetch(this.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(this.payload(raw)),
      credentials: 'omit',
      signal: controller.signal
    }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    }).then(function (data) {
      if (!data || typeof data.receipt_no !== 'string' || !data.receipt_no) throw new Error('no receipt_no');
      self.showDone(data);
    }).catch(function () {
      self.showFallback('failed', raw);
    }).then(function () {
      window.clearTimeout(timer);
      sending.hidden = true;
      self.submitButton.disabled = false;
    });
  };

  RequestForm.prototype.dateText = function (iso) {
    return window.GKWorkdays.formatDate(iso, this.root.getAttribute('data-gk-date-format'));
  };

  RequestForm.prototype.showDone = function (data) {
    const panel = this.donePanel;
    $(panel, '.js-rf-receipt').textContent = data.receipt_no.slice(0, 64);
    if (typeof data.query_code === 'string' && data.query_code) {
      $(panel, '.js-rf-query-code').textContent = data.query_code.slice(0, 64);
      $(panel, '.js-rf-query').hidden = false;
    }
    const cal = new window.GKWorkdays.Calendar(JSON.parse(this.root.getAttribute('data-gk-calendar')));
    const today = window.GKRequestForm.isoToday();
    const due = cal.addWorkdays(today, Number(this.root.getAttribute('data-gk-days')));
    const extended = cal.addWorkdays(due, Number(this.root.getAttribute('data-gk-extension')));
    $(panel, '.js-rf-today').textContent = this.dateText(today);
    $(panel, '.js-rf-due').textContent = this.dateText(due);
    $(panel, '.js-rf-due-extended').textContent = this.dateText(extended);
    const missing = cal.uncoveredYears(today, extended);
    $(panel, '.js-rf-uncovered-years').textContent = missing.join('、');
    $(panel, '.js-rf-uncovered').hidden = missing.length === 0;
    this.submitted = true;
    this.clearDraft();
    this.form.hidden = true;
    this.fallbackPanel.hidden = true;
    $(this.root, '.js-rf-restored').hidden = true;
    document.documentElement.classList.remove('gk-rf-paper-mode');
    panel.hidden = false;
    panel.focus();
  };

  // --- fallback: printable 申请表 + e-mail (request-form-paper.js) ------------------------------
  RequestForm.prototype.showFallback = function (reason, raw) {
    const panel = this.fallbackPanel;
    const paper = $(panel, '.js-rf-paper');
    const fields = this.fields;
    window.GKRequestPaper.fill(paper, window.GKRequestForm.normalize(raw, this.rules), function (name) {
      const select = fields[name] && fields[name].inputs[0];
      return select && select.tagName === 'SELECT' ? select.options[select.selectedIndex].text : null;
    }, this.dateText(window.GKRequestForm.isoToday()));
    window.GKRequestPaper.updateMailto($(panel, '.js-rf-mailto'), paper);
    $$(panel, '.js-rf-reason').forEach(function (p) { p.hidden = p.getAttribute('data-gk-reason') !== reason; });
    const retry = $(panel, '.js-rf-retry');
    if (retry) retry.hidden = reason !== 'failed';
    this.form.hidden = true;
    panel.hidden = false;
    document.documentElement.classList.add('gk-rf-paper-mode');
    panel.focus();
  };

  RequestForm.prototype.backToForm = function () {
    this.fallbackPanel.hidden = true;
    document.documentElement.classList.remove('gk-rf-paper-mode');
    this.form.hidden = false;
    this.submitButton.focus();
  };

  RequestForm.prototype.clearAll = function () {
    this.form.reset();
    this.clearDraft();
    this.clearErrors();
    this.started = Date.now();
    this.updateGroups();
    $(this.root, '.js-rf-restored').hidden = true;
    this.fields[this.rules.fields[0].name].inputs[0].focus();
  };

  RequestForm.prototype.bind = function () {
    const self = this;
    let timer = null;
    function changed(event) {
      if (event.target.name === 'applicant_type') self.updateGroups();
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { self.saveDraft(); }, 250);
    }
    this.form.addEventListener('input', changed);
    this.form.addEventListener('change', changed);
    this.form.addEventListener('submit', function (e) { self.onSubmit(e); });
    this.summary.addEventListener('click', function (e) { self.onSummaryClick(e); });
    $(this.root, '.js-rf-clear').addEventListener('click', function () { self.clearAll(); });
    $(this.fallbackPanel, '.js-rf-print').addEventListener('click', function () { window.print(); });
    $(this.fallbackPanel, '.js-rf-back').addEventListener('click', function () { self.backToForm(); });
    const retry = $(this.fallbackPanel, '.js-rf-retry');
    if (retry) retry.addEventListener('click', function () { self.onSubmit(new Event('submit', { cancelable: true })); });
    // Save straight away when leaving, so a reload inside the debounce window keeps everything.
    window.addEventListener('pagehide', function () { self.saveDraft(); });
  };

  function init() {
    if (!window.GKRequestForm || !window.GKWorkdays || !window.GKRequestPaper) return;
    $$(document, '[data-module="gk-request-form"]').forEach(function (root) { root.gkRequestForm = new RequestForm(root); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
