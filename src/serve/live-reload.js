// Touchpoint live reload: linked from every page by `touchpoint serve`, never from built sites.
// An external file, so the theme's Content-Security-Policy (script-src 'self') allows it.
(function () {
  "use strict";
  // The build this page comes from, set by the server on the script tag.
  var tag = document.currentScript;
  var generation = tag ? Number(tag.getAttribute("data-generation")) : null;
  var overlay = null;
  function currentPage() {
    var path = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (path === "" || path.slice(-1) === "/") { path += "index.html"; }
    return path;
  }
  function hideProblems() { if (overlay) { overlay.remove(); overlay = null; } }
  function showProblems(problems) {
    hideProblems();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    // Developer output, like `touchpoint check` in the terminal: English on every site,
    // and declared so (docs/lang.md).
    overlay.setAttribute("lang", "en");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem";
    var title = document.createElement("h2");
    title.textContent = "Touchpoint: the build failed, showing the last good version (" + problems.length + (problems.length === 1 ? " problem)" : " problems)");
    title.style.cssText = "margin:0 0 1rem;font-size:1.2rem;color:#fca5a5";
    overlay.appendChild(title);
    problems.forEach(function (p) {
      var item = document.createElement("div");
      item.style.cssText = "margin:0 0 1rem;padding:.75rem 1rem;border-left:4px solid #f87171;background:rgba(255,255,255,.05)";
      var where = p.file + (p.line > 0 ? ":" + p.line + ":" + p.column : "");
      var head = document.createElement("div");
      head.textContent = "error[" + p.rule + "] " + where;
      head.style.color = "#fca5a5";
      var message = document.createElement("div");
      message.textContent = p.message;
      item.appendChild(head);
      item.appendChild(message);
      if (p.help) {
        var help = document.createElement("div");
        help.textContent = "help: " + p.help;
        help.style.color = "#a5b4fc";
        item.appendChild(help);
      }
      overlay.appendChild(item);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.onclick = hideProblems;
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }
  if (!window.EventSource) { return; }
  var events = new EventSource("__EVENTS_PATH__");
  events.addEventListener("hello", function (e) {
    var data = JSON.parse(e.data);
    if (generation !== null && data.generation !== generation) { location.reload(); return; }
    if (data.problems) { showProblems(data.problems); }
  });
  events.addEventListener("reload", function (e) {
    var data = JSON.parse(e.data);
    if (data.pages === null || data.pages.indexOf(currentPage()) >= 0 || overlay) {
      location.reload();
    } else {
      generation = data.generation;
    }
  });
  events.addEventListener("problems", function (e) { showProblems(JSON.parse(e.data)); });
})();
