// chitieu: small progressive enhancements; every page also works without script.
"use strict";

function drawChart() {
  const el = document.getElementById("chart");
  if (!el || !window.Plotly) return;
  const figure = JSON.parse(el.dataset.figure);
  window.Plotly.newPlot(el, figure.data, figure.layout, { displaylogo: false, responsive: true });
}

function enhanceUpload() {
  const form = document.getElementById("upload");
  if (!form) return;
  const input = form.querySelector("input[type=file]");
  const drop = document.getElementById("drop");
  const bar = document.getElementById("progress");
  const status = document.getElementById("upload-status");
  ["dragenter", "dragover"].forEach((name) => drop.addEventListener(name, (e) => {
    e.preventDefault(); drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((name) => drop.addEventListener(name, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (e) => { e.preventDefault(); input.files = e.dataTransfer.files; });
  form.addEventListener("submit", (e) => {
    if (!input.files.length) return;
    e.preventDefault();
    const data = new FormData();
    for (const f of input.files) data.append("file", f);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/documents");
    xhr.setRequestHeader("X-CSRF-Token", form.querySelector("input[name=csrf_token]").value);
    bar.hidden = false;
    xhr.upload.onprogress = (ev) => {
      if (!ev.lengthComputable) return;
      const pct = Math.round((ev.loaded / ev.total) * 100);
      bar.value = pct;
      status.textContent = status.dataset.uploading.replace("{pct}", pct);
      if (pct === 100) status.textContent = status.dataset.processing;
    };
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (_) { body = { detail: xhr.statusText }; }
      if (xhr.status !== 200) { status.textContent = body.detail; return; }
      // a problem (a bad file, a report already stored) stays on the page until the user moves on
      const problems = [...(body.failures || []), ...(body.duplicates || [])].map((f) => f.message).join(" ");
      status.textContent = [body.message, problems].join(" ");
      if (problems) return;
      if (body.added === 1 && body.document_ids.length === 1) window.location = "/van-ban/" + body.document_ids[0];
      else setTimeout(() => window.location.reload(), 800);
    };
    xhr.send(data);
  });
}

document.addEventListener("DOMContentLoaded", () => { drawChart(); enhanceUpload(); });

// A choice that changes the page (a unit, a period) submits its form: no inline handler, which the
// Content-Security-Policy forbids.
document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});

// 'Quay lại' on an error page goes back where the user came from (the home page when there is none).
document.querySelectorAll("a[data-back]").forEach((link) => {
  link.addEventListener("click", (ev) => {
    if (window.history.length > 1) { ev.preventDefault(); window.history.back(); }
  });
});
