// gk-print: the 打印本页 button (item pages). Hidden in the HTML because it needs JavaScript; the
// browser's own print command gives the same result through print.css.
(function () {
  'use strict';
  document.querySelectorAll('[data-module="gk-print"]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
}());
