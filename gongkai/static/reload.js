// Development only: `gongkai serve` adds this script to the pages it serves (never part of a built
// site). It asks the preview server every second which build is current and reloads the page after
// a successful rebuild; while the last rebuild failed it shows that at the top of the page.
(function () {
  "use strict";
  var me = document.currentScript;
  var current = me ? new URL(me.src).searchParams.get("v") : null;
  var notice = null;

  function show(message) {
    if (!message) {
      if (notice) { notice.remove(); notice = null; }
      return;
    }
    if (!notice) {
      notice = document.createElement("div");
      notice.setAttribute("role", "alert");
      notice.id = "gongkai-preview-notice";
      var s = notice.style;   // CSSOM, not a style attribute: allowed by the site's CSP
      s.position = "fixed"; s.top = "0"; s.left = "0"; s.right = "0"; s.zIndex = "99999";
      s.padding = "0.75em 1em"; s.background = "#8b0000"; s.color = "#fff"; s.font = "16px/1.5 sans-serif";
      s.whiteSpace = "pre-wrap";
      document.body.appendChild(notice);
    }
    notice.textContent = message;
  }

  function poll() {
    fetch("/__gongkai/version", {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (current === null) { current = state.version; }
        if (state.version !== current) { window.location.reload(); return; }
        show(state.failed ? state.message : "");
      })
      .catch(function () { /* the preview server is restarting: try again */ })
      .then(function () { window.setTimeout(poll, 1000); });
  }

  poll();
})();
