// gk-toolbar: 字号 steps, 高对比度, 长者模式 and 朗读全文 (工信部适老化规范: large text, high contrast,
// simplified layout, voice reading, full keyboard use). Native <button>s with aria-pressed, so Tab,
// Enter and Space work without extra key handling. Labels come from data-* attributes in the HTML
// (the 繁体 mirror converts them). Preferences persist through window.gkPrefs (enhance.js).
(function () {
  'use strict';

  function init(toolbar) {
    var prefs = window.gkPrefs;
    if (!prefs) return;
    var more = toolbar.querySelector('.js-toolbar-more');
    var sizeButtons = Array.prototype.slice.call(toolbar.querySelectorAll('.js-toolbar-fs'));
    var contrast = toolbar.querySelector('.js-toolbar-contrast');
    var elder = toolbar.querySelector('.js-toolbar-elder');
    var reset = toolbar.querySelector('.js-toolbar-reset');
    var state = prefs.load();

    function render() {
      prefs.apply(state);
      sizeButtons.forEach(function (b) {
        b.setAttribute('aria-pressed', String(Number(b.dataset.level) === state.fs));
      });
      contrast.setAttribute('aria-pressed', String(state.contrast));
      elder.setAttribute('aria-pressed', String(state.elder));
    }

    function update(change) {
      Object.assign(state, change);
      prefs.save(state);
      render();
    }

    sizeButtons.forEach(function (b) {
      b.addEventListener('click', function () { update({ fs: Number(b.dataset.level) }); });
    });
    contrast.addEventListener('click', function () { update({ contrast: !state.contrast }); });
    elder.addEventListener('click', function () {
      if (state.elder) {
        // Leaving 长者模式 restores the size and contrast chosen before it was switched on.
        var before = state.before || { fs: 0, contrast: false };
        update({ elder: false, fs: before.fs, contrast: before.contrast, before: null });
      } else {
        // 长者模式 = large text + high contrast + simplified layout + large cursor (CSS .gk-elder).
        update({ elder: true, before: { fs: state.fs, contrast: state.contrast },
                 fs: Math.max(state.fs, 2), contrast: true });
      }
    });
    reset.addEventListener('click', function () {
      update({ fs: 0, contrast: false, elder: false, before: null });
    });

    more.hidden = false;
    elder.hidden = false;
    render();
    initReadAloud(toolbar.querySelector('.js-toolbar-read'));
  }

  // Read-aloud with the Web Speech API. Shown only when the browser has a Chinese (zh-CN) voice.
  // Long texts are queued sentence by sentence: Chrome stops a single long utterance after ~15 s.
  function initReadAloud(button) {
    var synth = window.speechSynthesis;
    if (!button || !synth || typeof window.SpeechSynthesisUtterance !== 'function') return;
    var voice = null;
    var speaking = false;
    var run = 0;   // ignores late events of utterances from an earlier start

    function pickVoice() {
      var voices = synth.getVoices() || [];
      voice = voices.find(function (v) { return /^zh[-_]CN/i.test(v.lang); }) ||
              voices.find(function (v) { return /^(zh|cmn)([-_]Hans)?$/i.test(v.lang); }) || null;
      button.hidden = !voice;
    }

    function text() {
      var parts = document.querySelectorAll('.js-readaloud-text');
      if (!parts.length) parts = [document.getElementById('main')];
      return Array.prototype.map.call(parts, function (el) { return el ? el.innerText : ''; }).join('\n');
    }

    function chunks(s) {
      return (s.match(/[^。！？；!?;\n]+[。！？；!?;\n]*/g) || []).map(function (c) { return c.trim(); })
        .filter(Boolean).reduce(function (out, c) {
          var last = out.length - 1;
          if (last >= 0 && out[last].length + c.length < 120) out[last] += c; else out.push(c);
          return out;
        }, []);
    }

    function setSpeaking(on) {
      speaking = on;
      button.setAttribute('aria-pressed', String(on));
      button.textContent = on ? button.dataset.labelStop : button.dataset.labelStart;
    }

    function stop() {
      run += 1;
      synth.cancel();
      setSpeaking(false);
    }

    button.addEventListener('click', function () {
      if (speaking) { stop(); return; }
      stop();
      var list = chunks(text());
      if (!list.length) return;
      var mine = run;
      var done = function () { if (mine === run) setSpeaking(false); };
      setSpeaking(true);
      list.forEach(function (c, i) {
        var u = new window.SpeechSynthesisUtterance(c);
        u.lang = 'zh-CN';
        u.voice = voice;
        if (i === list.length - 1) u.onend = done;
        u.onerror = done;
        synth.speak(u);
      });
    });
    window.addEventListener('pagehide', function () { synth.cancel(); });
    pickVoice();
    if (typeof synth.addEventListener === 'function') synth.addEventListener('voiceschanged', pickVoice);
  }

  document.querySelectorAll('[data-module="gk-toolbar"]').forEach(init);
}());
