// Drop zone: each file is sent with XHR (upload progress), then its status is polled.
(function () {
  "use strict";
  var zone = document.getElementById("dropzone");
  if (!zone) { return; }
  var input = document.getElementById("files");
  var list = document.getElementById("uploads");
  var csrf = zone.dataset.csrf;
  var pollMs = parseInt(zone.dataset.pollMs, 10);
  var pending = 0;

  function row(name) {
    var li = document.createElement("li");
    var label = document.createElement("span");
    var bar = document.createElement("progress");
    label.textContent = name + ": uploading ";
    bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", name);
    li.appendChild(label); li.appendChild(bar);
    list.appendChild(li);
    return { label: label, bar: bar, name: name };
  }

  function finished() {
    pending -= 1;
    if (pending === 0) { window.location.reload(); }
  }

  function poll(id, r) {
    fetch("/web/documents/" + id + "/status", { credentials: "same-origin" })
      .then(function (res) { return res.json(); })
      .then(function (doc) {
        r.label.textContent = r.name + ": " + doc.status + " ";
        if (doc.status === "done" || doc.status === "failed") {
          r.bar.value = 100; finished();
        } else {
          r.bar.removeAttribute("value");
          setTimeout(function () { poll(id, r); }, pollMs);
        }
      })
      .catch(function () { setTimeout(function () { poll(id, r); }, pollMs); });
  }

  function send(file) {
    var r = row(file.name);
    var form = new FormData();
    form.append("file", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/web/upload");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { r.bar.value = Math.round(100 * e.loaded / e.total); }
    };
    xhr.onload = function () {
      if (xhr.status === 202) {
        r.label.textContent = file.name + ": queued ";
        poll(JSON.parse(xhr.responseText).id, r);
      } else {
        r.label.textContent = file.name + ": refused (" + xhr.status + ") ";
        finished();
      }
    };
    xhr.onerror = function () { r.label.textContent = file.name + ": upload failed "; finished(); };
    xhr.send(form);
  }

  function sendAll(files) {
    pending += files.length;
    Array.prototype.forEach.call(files, send);
  }

  zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
  zone.addEventListener("drop", function (e) {
    e.preventDefault(); zone.classList.remove("over"); sendAll(e.dataTransfer.files);
  });
  input.addEventListener("change", function () { sendAll(input.files); });
})();
