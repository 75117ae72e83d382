// Keyboard shortcuts on the case page: n = next entry, a = accept it, r = reject it (reason first).
(function () {
  "use strict";
  var entries = Array.prototype.slice.call(document.querySelectorAll("article.entry[data-entry]"));
  var current = -1;
  function focusEntry(i) {
    if (!entries.length) { return; }
    current = (i + entries.length) % entries.length;
    entries[current].focus();
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target.tagName;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (current < 0 && document.activeElement && document.activeElement.dataset) {
      current = entries.indexOf(document.activeElement);
    }
    if (e.key === "n") { e.preventDefault(); focusEntry(current + 1); return; }
    if (current < 0) { return; }
    var entry = entries[current];
    if (e.key === "a") {
      var accept = entry.querySelector("form.accept");
      if (accept) { e.preventDefault(); accept.submit(); }
    } else if (e.key === "r") {
      var reason = entry.querySelector("form.reject input[name=reason]");
      if (reason) { e.preventDefault(); reason.focus(); }
    }
  });
  var hash = window.location.hash.slice(1);
  entries.forEach(function (el, i) { if (el.id === hash) { current = i; } });
})();
