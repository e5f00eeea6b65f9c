// raport serve: reload this page when the site is rebuilt.
// Injected only by `raport serve`; never part of a built site.
(function () {
  "use strict";
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
