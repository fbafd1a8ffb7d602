// Progressive enhancement for the upload form: one row per selected file, to
// give a file its own ward / fiscal year / type (fields ward_<i>, year_<i>,
// doc_type_<i>, i = the file's position in the selection, as sent). Empty
// fields fall back to the batch fields above. Without this script the batch
// fields still apply to every file.
(function () {
  "use strict";
  var input = document.getElementById("upload-files");
  var holder = document.getElementById("per-file-fields");
  var template = document.getElementById("per-file-row");
  if (!input || !holder || !template) { return; }
  input.addEventListener("change", function () {
    while (holder.firstChild) { holder.removeChild(holder.firstChild); }
    var files = input.files || [];
    for (var i = 0; i < files.length; i++) {
      var row = template.content.firstElementChild.cloneNode(true);
      var name = row.querySelector(".per-file-name");
      name.textContent = files[i].name;
      // one group per file, named by it: a screen reader says whose 区 / 年度 / 種別 it is
      name.id = "per-file-name-" + i;
      row.setAttribute("role", "group");
      row.setAttribute("aria-labelledby", name.id);
      row.querySelectorAll("[data-field]").forEach(function (el) {
        el.name = el.getAttribute("data-field") + "_" + i;
        el.id = "per-file-" + el.getAttribute("data-field") + "-" + i;
        var label = row.querySelector("label[data-for='" + el.getAttribute("data-field") + "']");
        if (label) { label.htmlFor = el.id; }
      });
      holder.appendChild(row);
    }
    holder.hidden = files.length < 2;
  });
})();
