(function () {
  "use strict";
  // Filters are an aid only: without this script every item is shown.
  var bar = document.getElementById("filters");
  if (!bar) {
    return;
  }
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-item]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("[data-section]"));
  var fields = ["category", "severity", "status"];
  var selects = {};
  fields.forEach(function (name) {
    selects[name] = document.getElementById("filter-" + name);
  });
  var search = document.getElementById("filter-text");
  var count = document.getElementById("filter-count");
  var texts = items.map(function (item) {
    return item.textContent.toLowerCase();
  });

  function matches(item, index, needle) {
    for (var i = 0; i < fields.length; i++) {
      var wanted = selects[fields[i]].value;
      if (wanted && item.getAttribute("data-" + fields[i]) !== wanted) {
        return false;
      }
    }
    return !needle || texts[index].indexOf(needle) !== -1;
  }

  function apply() {
    var needle = search.value.trim().toLowerCase();
    var shown = 0;
    items.forEach(function (item, index) {
      var visible = matches(item, index, needle);
      item.hidden = !visible;
      if (visible) {
        shown += 1;
        if (needle) {
          item.open = true;
        }
      }
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("[data-item]:not([hidden])");
    });
    count.textContent = shown + " of " + items.length + " items shown";
  }

  document.getElementById("filter-reset").addEventListener("click", function () {
    fields.forEach(function (name) {
      selects[name].value = "";
    });
    search.value = "";
    apply();
  });
  // A printer cannot open a closed item, so print every item with its remediation.
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = items.filter(function (item) {
      return !item.open;
    });
    closedForPrint.forEach(function (item) {
      item.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (item) {
      item.open = false;
    });
    closedForPrint = [];
  });
  bar.addEventListener("input", apply);
  bar.addEventListener("change", apply);
  bar.hidden = false;
  apply();
})();
