// Progressive enhancement only: every page works without this file.
// On the search form, changing the search mode or a select-box filter submits
// the form at once (when there is something to search for).
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosubmit]");
  if (!form) { return; }
  var query = form.querySelector("input[name=q]");
  form.addEventListener("change", function (event) {
    var target = event.target;
    var isMode = target.name === "mode";
    var isSelect = target.tagName === "SELECT";
    if (!isMode && !isSelect) { return; }
    if (isMode && query && !query.value.trim()) { return; }
    if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
  });
})();
