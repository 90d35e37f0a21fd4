/* vnsearch: suggestions as the user types, from ?complete=PREFIX. Served as
   a file (never inline) so the page's Content-Security-Policy can forbid
   inline script. Works without it: the form is a plain GET form. */
(function () {
  "use strict";
  var box = document.getElementById("vs-q");
  var list = document.getElementById("vs-complete");
  if (!box || !list || !window.fetch) return;
  var timer = 0, last = "", seq = 0;
  function fill(items, want) {
    if (want !== seq) return;
    while (list.firstChild) list.removeChild(list.firstChild);
    for (var i = 0; i < items.length && i < 8; i++) {
      if (typeof items[i] !== "string") continue;
      var o = document.createElement("option");
      o.value = items[i];
      list.appendChild(o);
    }
  }
  function ask() {
    var v = box.value;
    if (v === last) return;
    last = v;
    var want = ++seq;
    if (v.trim().length < 2) { fill([], want); return; }
    var url = new URL(box.form.getAttribute("action") || "", window.location.href);
    url.search = "?complete=" + encodeURIComponent(v);
    fetch(url.toString(), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) { fill(Array.isArray(items) ? items : [], want); })
      .catch(function () {});
  }
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
})();
