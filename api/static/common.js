// Shared by every page: confirmation before a destructive form, page zoom, evidence highlights.
(function () {
  "use strict";
  document.addEventListener("submit", function (e) {
    var message = e.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { e.preventDefault(); }
  });
  document.addEventListener("click", function (e) {
    var zoom = e.target.closest("button.zoom");
    if (!zoom) { return; }
    var figure = zoom.closest("figure");
    var on = figure.classList.toggle("zoomed");
    zoom.setAttribute("aria-pressed", on ? "true" : "false");
    zoom.textContent = on ? "Zoom out" : "Zoom in";
  });
  function mark(e, on) {
    var item = e.target.closest && e.target.closest(".evidence-item");
    if (!item) { return; }
    var box = document.getElementById(item.getAttribute("data-box"));
    if (box) { box.classList.toggle("lit", on); }
  }
  ["focusin", "mouseover"].forEach(function (n) { document.addEventListener(n, function (e) { mark(e, true); }); });
  ["focusout", "mouseout"].forEach(function (n) { document.addEventListener(n, function (e) { mark(e, false); }); });
  document.addEventListener("click", function (e) {
    var item = e.target.closest(".evidence-item");
    if (!item) { return; }
    var box = document.getElementById(item.getAttribute("data-box"));
    if (box) { box.scrollIntoView({ block: "center", inline: "center" }); }
  });
})();
