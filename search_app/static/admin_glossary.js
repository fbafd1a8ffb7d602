// The glossary page: each reported bad line gets a button that selects that line in
// the text box (a glossary has hundreds of lines and the box shows no numbers).
(function () {
  "use strict";
  var box = document.getElementById("glossary-text");
  if (!box) { return; }

  function selectLine(number) {
    var lines = box.value.split("\n");
    var start = 0;
    for (var i = 0; i < number - 1 && i < lines.length; i++) { start += lines[i].length + 1; }
    var end = start + (lines[number - 1] || "").length;
    box.focus();
    box.setSelectionRange(start, end);
    var lineHeight = parseFloat(window.getComputedStyle(box).lineHeight) || 20;
    box.scrollTop = Math.max(0, (number - 3) * lineHeight);
  }

  var items = document.querySelectorAll(".glossary-errors li[data-line]");
  Array.prototype.forEach.call(items, function (item) {
    var number = parseInt(item.getAttribute("data-line"), 10);
    if (!number) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "goto-line";
    button.textContent = number + "行目を選択";
    button.addEventListener("click", function () { selectLine(number); });
    item.appendChild(document.createTextNode(" "));
    item.appendChild(button);
  });
})();
