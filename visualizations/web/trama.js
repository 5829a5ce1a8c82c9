// Trama explorer: every page works without this file. It only adds conveniences:
// - "/" puts the cursor in the search box, as on most search sites;
// - entity fields (data-suggest) offer the search's matches as you type a name, filling in
//   the entity's kind:key reference;
// - buttons with data-confirm ask before their form is sent (deleting an investigation).
document.addEventListener("keydown", function (event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  var target = event.target;
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) return;
  var box = document.querySelector(".quick-search input, .big-search input, .facets input[type=search]");
  if (box) { event.preventDefault(); box.focus(); box.select(); }
});

document.querySelectorAll("input[data-suggest]").forEach(function (input) {
  var list = input.list;
  if (!list) return;
  var timer = null, asked = "";
  input.addEventListener("input", function () {
    var text = input.value.trim();
    if (timer) clearTimeout(timer);
    if (text.length < 2 || text === asked) return;
    timer = setTimeout(function () {
      asked = text;
      fetch("/suggest?q=" + encodeURIComponent(text), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok && (r.headers.get("Content-Type") || "").indexOf("application/json") === 0 ? r.json() : []; })
        .then(function (items) {
          if (input.value.trim() !== text) return;
          list.replaceChildren();
          items.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.reference;
            option.label = item.label;
            option.textContent = item.label;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are a convenience: the field still takes kind:key */ });
    }, 200);
  });
});

document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var question = button && button.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
});
