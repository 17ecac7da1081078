// gk-collapsible: a disclosure — a button (.js-collapsible-toggle, aria-controls = its panel's id) that
// opens and closes a panel (.gk-collapsible__panel). Whether the closed state hides anything is decided
// by the CSS (main.css: the 阅读辅助 panel in 长者模式 and on narrow screens, the main navigation in
// 长者模式 on narrow screens), so one markup serves every mode and width; where the CSS does not collapse
// it, the button is not shown and the panel is always open. The CSS shows the buttons only with
// JavaScript (html.gk-js, set by enhance.js): without it every panel is open. Escape closes an open
// panel and returns the focus to its button.
(function () {
  'use strict';
  var OPEN = 'gk-collapsible--open';

  function init(root) {
    var button = root.querySelector('.js-collapsible-toggle');
    if (!button) return;

    function set(open) {
      root.classList.toggle(OPEN, open);
      button.setAttribute('aria-expanded', String(open));
    }

    button.addEventListener('click', function () { set(!root.classList.contains(OPEN)); });
    root.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape' || !root.classList.contains(OPEN) || !button.offsetParent) return;
      set(false);
      button.focus();
    });
    set(false);
  }

  document.querySelectorAll('[data-module="gk-collapsible"]').forEach(init);
}());
