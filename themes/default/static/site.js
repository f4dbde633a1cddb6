// Touchpoint site: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // Strategy document: a print button.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // Posts list: filter rows by platform and status (the form stays hidden without script).
  document.querySelectorAll("form[data-filter]").forEach(function (form) {
    var table = form.parentNode.querySelector("table.posts");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var output = form.querySelector("output");
    function apply() {
      var platform = form.elements.platform.value;
      var status = form.elements.status.value;
      var shown = 0;
      rows.forEach(function (row) {
        var match = (!platform || (" " + row.dataset.platforms).indexOf(" " + platform + " ") >= 0) &&
          (!status || row.dataset.status === status);
        row.hidden = !match;
        if (match) shown += 1;
      });
      output.textContent = shown + " / " + rows.length;
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
  });
  // Calendar and post pages: arrow keys move to the previous/next month or post (links carry
  // data-key); only when nothing is focused, so scrolling a focused box still works.
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var target = event.target;
    if (target && target !== document.body && target !== document.documentElement && target.id !== "main") return;
    var link = document.querySelector('a[data-key="' + event.key + '"]');
    if (link) { window.location.href = link.href; }
  });
})();
