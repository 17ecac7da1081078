// Loaded as a small blocking script in <head> (external, because the CSP forbids inline scripts):
// marks JavaScript support and applies the reader's stored display preferences before the first
// paint, so pages never flash in the wrong size or colours. toolbar.js changes them through gkPrefs.
// The preferences (字号, 高对比度, 长者模式) are display settings, not personal data.
(function () {
  'use strict';
  var KEY = 'gk-prefs';
  var root = document.documentElement;
  var LEVELS = 4;

  function load() {
    try {
      var p = JSON.parse(window.localStorage.getItem(KEY) || '{}');
      return {
        fs: Number.isInteger(p.fs) && p.fs >= 0 && p.fs < LEVELS ? p.fs : 0,
        contrast: p.contrast === true,
        elder: p.elder === true,
        before: p.before && typeof p.before === 'object' ? p.before : null
      };
    } catch (e) {
      return { fs: 0, contrast: false, elder: false, before: null };
    }
  }

  function save(p) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(p));
    } catch (e) { /* storage disabled (private mode): the choice lasts for this page only */ }
  }

  function apply(p) {
    for (var i = 1; i < LEVELS; i++) root.classList.toggle('gk-fs-' + i, p.fs === i);
    root.classList.toggle('gk-contrast', p.contrast);
    root.classList.toggle('gk-elder', p.elder);
  }

  root.classList.remove('gk-no-js');
  root.classList.add('gk-js');
  apply(load());
  window.gkPrefs = { load: load, save: save, apply: apply, levels: LEVELS };
}());
