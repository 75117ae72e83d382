// Shared by every page: status messages announced, confirmation before a destructive form,
// page zoom, evidence highlights.
(function () {
  "use strict";
  // A message the server put in a status or alert region (after a form was sent, say) is
  // taken out and put back just after the page is parsed: a live region's text present at
  // load is not announced, a change to it is (WCAG 4.1.3).
  var regions = document.querySelectorAll("[role=status], [role=alert]");
  Array.prototype.forEach.call(regions, function (region) {
    if (!region.textContent.trim()) { return; }
    var said = Array.prototype.slice.call(region.childNodes);
    region.textContent = "";
    document.addEventListener("DOMContentLoaded", function () {
      window.setTimeout(function () {
        said.forEach(function (node) { region.appendChild(node); });
      }, 100);
    });
  });
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
