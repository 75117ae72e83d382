// Uploads: each file is sent with XHR (upload progress), then its status is polled until read.
// What happened to each file is kept in sessionStorage, so it stays after the page reloads
// with the new entries; the summary goes to the page's status region.
(function () {
  "use strict";
  var zone = document.getElementById("dropzone");
  if (!zone) { return; }
  var input = document.getElementById("files");
  var list = document.getElementById("uploads");
  var clear = document.getElementById("clear-uploads");
  var replaceInput = document.getElementById("replace-file");
  var status = document.getElementById("status");
  var csrf = zone.dataset.csrf;
  var pollMs = parseInt(zone.dataset.pollMs, 10);
  var KEY = "certverify.uploads";
  var pending = 0;
  var rows = load().map(function (r) {
    if (r.state === "uploading" || r.state === "reading") {
      r.state = "failed"; r.text = "left before it was read: see your documents below.";
    }
    return r;
  });

  function load() {
    try { return JSON.parse(window.sessionStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function save() { window.sessionStorage.setItem(KEY, JSON.stringify(rows)); }

  function draw() {
    list.textContent = "";
    rows.forEach(function (r) {
      var li = document.createElement("li");
      li.className = "upload upload-" + r.state;
      var text = document.createElement("span");
      text.textContent = r.name + ": " + r.text;
      li.appendChild(text);
      if (r.state === "uploading" || r.state === "reading") {
        var bar = document.createElement("progress");
        bar.max = 100;
        if (r.progress !== undefined) { bar.value = r.progress; }
        bar.setAttribute("aria-label", r.name);
        li.appendChild(bar);
      }
      list.appendChild(li);
    });
    clear.hidden = rows.length === 0 || pending > 0;
  }

  function update(r, state, text) { r.state = state; r.text = text; save(); draw(); }

  function finished() {
    pending -= 1;
    if (pending > 0) { return; }
    var read = rows.filter(function (r) { return r.state === "done"; }).length;
    var bad = rows.filter(function (r) { return r.state === "failed" || r.state === "refused"; }).length;
    window.sessionStorage.setItem(KEY + ".summary",
      read + " of " + rows.length + " files read" + (bad ? "; " + bad + " need your attention (see the list)." : "."));
    window.location.assign(window.location.pathname);  // without ?done=: no stale message
  }

  function poll(id, r, duplicate) {
    fetch("/web/documents/" + id + "/status", { credentials: "same-origin" })
      .then(function (res) { return res.json(); })
      .then(function (doc) {
        var before = duplicate ? "already uploaded before, kept once; " : "";
        if (doc.status === "done" && doc.usable) {
          update(r, "done", before + "read, recognised as " + doc.recognised + ".");
          finished();
        } else if (doc.status === "done") {
          update(r, "failed", before + "read, but it is " + doc.recognised +
            ", so it does not count. Delete it, or replace it with the certificate or card.");
          finished();
        } else if (doc.status === "failed") {
          update(r, "failed", "could not be read. " + (doc.problem || "") +
            " Replace it with the original file or a sharper scan.");
          finished();
        } else {
          update(r, "reading", doc.status_words + "…");
          setTimeout(function () { poll(id, r, duplicate); }, pollMs);
        }
      })
      .catch(function () { setTimeout(function () { poll(id, r, duplicate); }, pollMs); });
  }

  function refusal(xhr) {
    try { return JSON.parse(xhr.responseText).error.message; } catch (e) { return ""; }
  }

  function send(file, url, label) {
    var r = { name: label || file.name, state: "uploading", text: "sending…", progress: 0 };
    rows.push(r); save(); draw();
    var form = new FormData();
    form.append("file", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { r.progress = Math.round(100 * e.loaded / e.total); draw(); }
    };
    xhr.onload = function () {
      if (xhr.status === 202) {
        var accepted = JSON.parse(xhr.responseText);
        update(r, "reading", "waiting to be read…");
        poll(accepted.id, r, accepted.duplicate);
      } else {
        update(r, "refused", "not accepted. " + (refusal(xhr) || "The server refused it (" + xhr.status + ").") );
        finished();
      }
    };
    xhr.onerror = function () {
      update(r, "refused", "could not be sent. Check your connection and choose the file again.");
      finished();
    };
    xhr.send(form);
  }

  function sendAll(files) {
    pending += files.length;
    Array.prototype.forEach.call(files, function (f) { send(f, "/web/upload"); });
  }

  zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
  zone.addEventListener("drop", function (e) {
    e.preventDefault(); zone.classList.remove("over"); sendAll(e.dataTransfer.files);
  });
  input.addEventListener("change", function () { sendAll(input.files); input.value = ""; });
  clear.addEventListener("click", function () { rows = []; save(); draw(); input.focus(); });

  var replacing = null;
  document.addEventListener("click", function (e) {
    var button = e.target.closest("button.replace");
    if (!button) { return; }
    replacing = button;
    replaceInput.click();
  });
  replaceInput.addEventListener("change", function () {
    if (!replacing || !replaceInput.files.length) { return; }
    var file = replaceInput.files[0];
    pending += 1;
    send(file, "/web/documents/" + replacing.dataset.document + "/replace",
      file.name + " (instead of " + replacing.dataset.name + ")");
    replaceInput.value = "";
  });

  var summary = window.sessionStorage.getItem(KEY + ".summary");
  if (summary) {
    window.sessionStorage.removeItem(KEY + ".summary");
    var p = document.createElement("p");
    p.className = "done";
    p.textContent = summary;
    document.addEventListener("DOMContentLoaded", function () {
      window.setTimeout(function () { status.appendChild(p); }, 100);
    });
  }
  draw();
})();
