// Single-key shortcuts on the case page (n next entry, a accept it, r reject it), off until the
// auditor turns them on (WCAG 2.1.4); never while focus is in a field. The choice is remembered.
(function () {
  "use strict";
  var toggle = document.getElementById("shortcuts");
  if (!toggle) { return; }
  var KEY = "certverify.shortcuts";
  var entries = Array.prototype.slice.call(document.querySelectorAll("article.entry[data-entry]"));
  var current = -1;
  toggle.checked = window.localStorage.getItem(KEY) === "on";
  toggle.addEventListener("change", function () {
    window.localStorage.setItem(KEY, toggle.checked ? "on" : "off");
  });
  function typing(el) {
    if (!el) { return false; }
    if (el.tagName === "INPUT") { return !/^(checkbox|radio|button|submit|reset)$/.test(el.type); }
    return el.isContentEditable || /^(TEXTAREA|SELECT)$/.test(el.tagName);
  }
  function focusEntry(i) {
    if (!entries.length) { return; }
    current = (i + entries.length) % entries.length;
    entries[current].focus();
    entries[current].scrollIntoView({ block: "start" });
  }
  document.addEventListener("keydown", function (e) {
    if (!toggle.checked || typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) { return; }
    var inside = document.activeElement && document.activeElement.closest ?
      document.activeElement.closest("article.entry[data-entry]") : null;
    if (inside) { current = entries.indexOf(inside); }
    if (e.key === "n") { e.preventDefault(); focusEntry(current + 1); return; }
    if (current < 0) { return; }
    var entry = entries[current];
    if (e.key === "a") {
      var accept = entry.querySelector("form.accept");
      if (accept) { e.preventDefault(); accept.requestSubmit(); }
    } else if (e.key === "r") {
      var reason = entry.querySelector("form.reject input[name=reason]");
      if (reason) { e.preventDefault(); reason.focus(); }
    }
  });
  var hash = window.location.hash.slice(1);
  entries.forEach(function (el, i) { if (el.id === hash) { current = i; } });
})();
