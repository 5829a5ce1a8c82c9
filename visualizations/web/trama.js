// Trama explorer: every page works without this file. It only adds a shortcut: "/" puts the
// cursor in the search box, as on most search sites.
document.addEventListener("keydown", function (event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  var target = event.target;
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) return;
  var box = document.querySelector(".quick-search input, .big-search input, .facets input[type=search]");
  if (box) { event.preventDefault(); box.focus(); box.select(); }
});
