// The job page while its reindex runs: every few seconds, fetch the job page again
// and replace the job's part of this page with the fresh one, instead of reloading
// the whole page (which would reset the keyboard focus and make a screen reader
// start over). The new state is announced once when it changes. Without this file
// the page reloads itself (<noscript> refresh).
(function () {
  "use strict";
  var live = document.getElementById("job-live");
  if (!live || !live.dataset.refreshUrl || !window.fetch || !window.DOMParser) { return; }
  var url = live.dataset.refreshUrl;
  var seconds = parseFloat(live.dataset.refreshSeconds) || 2;
  var announce = document.getElementById("job-announce");
  var state = document.getElementById("job-state");
  var lastState = state ? state.textContent : "";

  // the upload's answer came from a POST: a reload must not send the files again
  if (window.history && history.replaceState && location.pathname !== url.split("?")[0]) {
    history.replaceState(null, "", url);
  }

  var failures = 0;   // network errors in a row (e.g. the server restarting)

  function reload() { location.assign(url); }   // the server's own page says what is wrong

  function apply(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("job-live");
    if (!fresh) { throw new Error("no job on the page"); }
    live.replaceWith(document.importNode(fresh, true));
    live = document.getElementById("job-live");
    var now = document.getElementById("job-state");
    var text = now ? now.textContent : "";
    if (announce && text && text !== lastState) { announce.textContent = "索引の更新: " + text; }
    lastState = text;
    if (live.dataset.refreshUrl) { window.setTimeout(update, seconds * 1000); }
  }

  function update() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (resp) {
        failures = 0;
        if (!resp.ok) { reload(); return null; }
        return resp.text().then(apply);
      }, function () {
        failures += 1;   // no answer at all: try again a little later, for a while
        if (failures <= 30) { window.setTimeout(update, seconds * 1000 * Math.min(failures, 5)); }
      })
      .catch(function () {
        window.setTimeout(reload, seconds * 1000);   // a page this script cannot read: reload it
      });
  }
  window.setTimeout(update, seconds * 1000);
})();
