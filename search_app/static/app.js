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

  window.addEventListener("pageshow", function (event) {
    var nav = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation")[0] : null;
    if (event.persisted || (nav && nav.type === "back_forward")) {
      form.reset();   // back to the values the page was rendered with
      keyed = null;
    }
  });
})();
