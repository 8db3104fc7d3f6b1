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
    const token = form.querySelector("input[name=csrf_token]").value;
    const xhr = new XMLHttpRequest();
    // the upload answers at once with a job; the page asks how it goes until it is done
    xhr.open("POST", "/api/v1/uploads");
    xhr.setRequestHeader("X-CSRF-Token", token);
    bar.hidden = false;
    xhr.upload.onprogress = (ev) => {
      if (!ev.lengthComputable) return;
      const pct = Math.round((ev.loaded / ev.total) * 100);
      bar.value = pct;
      status.textContent = status.dataset.uploading.replace("{pct}", pct);
      if (pct === 100) status.textContent = status.dataset.processing;
    };
    const finished = (body) => {
      // a problem (a bad file, a report already stored) stays on the page until the user moves on
      const problems = [...(body.failures || []), ...(body.duplicates || [])].map((f) => f.message).join(" ");
      status.textContent = [body.message, problems].join(" ");
      if (problems) return;
      if (body.added === 1 && body.document_ids.length === 1) window.location = "/van-ban/" + body.document_ids[0];
      else setTimeout(() => window.location.reload(), 800);
    };
    const poll = (id) => {
      fetch("/api/v1/uploads/" + encodeURIComponent(id), { credentials: "same-origin" })
        .then((r) => r.json().then((job) => ({ ok: r.ok, job })))
        .then(({ ok, job }) => {
          if (!ok) { status.textContent = job.detail; return; }
          bar.value = job.total ? Math.round((job.done / job.total) * 100) : 100;
          if (job.state === "running") {
            status.textContent = status.dataset.progress.replace("{done}", job.done).replace("{total}", job.total);
            setTimeout(() => poll(id), 500);
          } else if (job.state === "failed") status.textContent = job.result.detail;
          else finished(job.result);
        })
        .catch(() => setTimeout(() => poll(id), 2000));
    };
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (_) { body = { detail: xhr.statusText }; }
      if (xhr.status !== 202) { status.textContent = typeof body.detail === "string" ? body.detail : xhr.statusText; return; }
      bar.value = 0;
      poll(body.id);
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

// A message stays until the user closes it (it says what went wrong; nothing fades away on its own).
document.querySelectorAll("button[data-dismiss]").forEach((button) => {
  button.addEventListener("click", () => button.closest(".flash").remove());
});
