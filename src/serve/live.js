// raport serve: reload this page when the site is rebuilt.
// Injected only by `raport serve`; never part of a built site.
(function () {
  "use strict";
  // The error overlay's Hide button (no inline handler: a strict CSP blocks those).
  document.addEventListener("click", function (e) {
    var box = document.getElementById("raport-error");
    if (box && e.target && e.target.parentNode === box && e.target.tagName === "BUTTON") box.remove();
  });
  if (!window.EventSource) return;
  var src = document.currentScript && document.currentScript.src;
  var url = src ? src.replace(/live\.js(\?.*)?$/, "events") : "/__raport/events";
  var first = null;
  var events = new EventSource(url);
  events.onmessage = function (e) {
    if (first === null) first = e.data;
    else if (e.data !== first) location.reload();
  };
})();
