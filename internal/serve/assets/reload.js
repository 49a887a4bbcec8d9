(function () {
  "use strict";
  var me = document.currentScript;
  var version = me.getAttribute("data-version");
  var events = new EventSource(me.src.replace(/reload\.js.*$/, "events"));
  events.onmessage = function (e) {
    if (e.data !== version) {
      events.close();
      location.reload();
    }
  };
})();
