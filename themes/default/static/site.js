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
  // Review page: one decision per post (ticking one box clears the other), and the
  // decisions and notes composed into plain text to copy or mail back. Nothing is sent or
  // fetched: the mail link only opens the reader's own mail program.
  document.querySelectorAll("[data-review-choice]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (!box.checked) return;
      box.closest("fieldset").querySelectorAll("[data-review-choice]").forEach(function (other) {
        if (other !== box) other.checked = false;
      });
    });
  });
  function reviewSummary(words) {
    var lines = [words.heading];
    var name = document.querySelector("[data-review-name]");
    if (name && name.value.trim()) lines.push(words.wordBy + ": " + name.value.trim());
    var mark = { approve: "[x]", changes: "[!]", open: "[ ]" };
    var label = { approve: words.wordApprove, changes: words.wordChanges, open: words.wordOpen };
    var counts = { approve: 0, changes: 0, open: 0 };
    var body = [];
    document.querySelectorAll("[data-review-week]").forEach(function (week) {
      body.push("", week.dataset.reviewWeek);
      week.querySelectorAll("[data-review-post]").forEach(function (post) {
        var ticked = post.querySelector("[data-review-choice]:checked");
        var choice = ticked ? ticked.value : "open";
        counts[choice] += 1;
        body.push(mark[choice] + " " + label[choice] + ": " + post.dataset.reviewTitle +
          " (" + post.dataset.reviewWhen + "; " + post.dataset.reviewId + ")");
        var note = post.querySelector("[data-review-note]");
        if (note && note.value.trim()) {
          note.value.trim().split(/\r?\n/).forEach(function (line, i) {
            body.push("    " + (i === 0 ? words.wordNote + ": " : "") + line);
          });
        }
      });
    });
    lines.push(["approve", "changes", "open"].map(function (c) { return label[c] + ": " + counts[c]; }).join(" · "));
    return lines.concat(body).join("\n") + "\n";
  }
  document.querySelectorAll("[data-review-send]").forEach(function (send) {
    var compose = send.querySelector("[data-review-compose]");
    var result = send.querySelector("[data-review-result]");
    var summary = send.querySelector("[data-review-summary]");
    var mail = send.querySelector("[data-review-mail]");
    var status = send.querySelector("[data-review-status]");
    function update() {
      var text = reviewSummary(send.dataset);
      summary.value = text;
      result.hidden = false;
      mail.href = "mailto:?subject=" + encodeURIComponent(send.dataset.subject) +
        "&body=" + encodeURIComponent(text.replace(/\n/g, "\r\n"));
      return text;
    }
    compose.addEventListener("click", function () { update(); summary.focus(); summary.select(); });
    mail.addEventListener("click", update);
    send.querySelector("[data-review-copy]").addEventListener("click", function () {
      var text = update();
      function copied() { status.textContent = send.dataset.wordCopied; }
      function byHand() { summary.focus(); summary.select(); if (document.execCommand("copy")) copied(); }
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(copied, byHand);
      else byHand();
    });
    compose.hidden = false;
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
