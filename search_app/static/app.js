// Progressive enhancement only: every page works without this file.
// On the search form:
// - choosing a search mode or a select-box filter with the mouse or a finger
//   submits the form at once (when there is something to search for);
// - from the keyboard it does not (arrow keys step through the choices, and
//   each step would otherwise load a new page and lose the focus): Enter, or
//   the 検索 / 絞り込む buttons, submit the choice;
// - when the page comes back through the browser's back / forward buttons, the
//   controls show what the page's results were searched with (the browser
//   would otherwise restore what was last chosen on it before leaving).
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosubmit]");
  if (!form) { return; }
  var query = form.querySelector("input[name=q]");
  var keyed = null;   // name of the control (or radio group) last operated from the keyboard

  function isChoice(el) {
    return el && (el.tagName === "SELECT" || el.name === "mode");
  }

  function submit() {
    if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
  }

  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!isChoice(target)) { return; }
    keyed = target.name;
    if (event.key === "Enter") {
      // after the browser has applied a choice made in an open list
      window.setTimeout(submit, 0);
    }
  });
  form.addEventListener("pointerdown", function () { keyed = null; });

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (!isChoice(target) || target.name === keyed) { return; }
    if (target.name === "mode" && query && !query.value.trim()) { return; }
    submit();
  });

  // On a phone the 絞り込み fields fill the first screen: after a search, the answer
  // would start below it and the page look unchanged. There they fold behind a
  // button once the page holds results (never after an error, which may be about a
  // filter); the chips above the results say which filters are on.
  var filters = form.querySelector("fieldset.filters");
  var yearHint = form.querySelector(".year-hint");
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 640px)") : null;
  if (filters && narrow && document.querySelector(".results") && !document.querySelector(".notice-error")) {
    var chosen = Array.prototype.filter.call(filters.querySelectorAll("select, input[type=text]"),
      function (el) { return el.value.trim() !== ""; }).length;
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "filters-toggle";
    filters.id = filters.id || "search-filters";
    toggle.setAttribute("aria-controls", filters.id);
    var setOpen = function (open) {
      filters.hidden = !open;
      if (yearHint) { yearHint.hidden = !open; }
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = (open ? "絞り込みを閉じる" : "絞り込み・年度を指定する") +
        (chosen ? "（" + chosen + "件指定中）" : "");
    };
    toggle.addEventListener("click", function () { setOpen(filters.hidden); });
    filters.parentNode.insertBefore(toggle, filters);
    var fit = function () {
      toggle.hidden = !narrow.matches;
      setOpen(!narrow.matches);
    };
    fit();
    if (narrow.addEventListener) { narrow.addEventListener("change", fit); }
  }

  window.addEventListener("pageshow", function (event) {
    var nav = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation")[0] : null;
    if (event.persisted || (nav && nav.type === "back_forward")) {
      form.reset();   // back to the values the page was rendered with
      keyed = null;
    }
  });
})();

// A report or similar-practices page opened from a list of results: its breadcrumb's
// 「検索」 leads back to those results (the search, its filters and page), not to an
// empty search page. Without this script (or arriving from elsewhere) it stays the
// search page.
(function () {
  "use strict";
  var crumb = document.querySelector("nav.breadcrumb a[data-search-home]");
  if (!crumb || !document.referrer || !window.URL) { return; }
  var from;
  try { from = new URL(document.referrer); } catch (e) { return; }
  if (from.origin !== window.location.origin || from.pathname !== crumb.pathname || !from.search) { return; }
  crumb.href = from.pathname + from.search;
  crumb.textContent = "検索結果";
})();
