// The verdict table of the HTML report: sort by a column, filter by text, status and
// province. Our own script, inline in the report; without it the table is whole and in order.
(function () {
  "use strict";
  var table = document.getElementById("verdicts");
  var form = document.getElementById("filters");
  if (!table || !form) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var shown = document.getElementById("shown");
  var lang = document.documentElement.lang || "id";

  function key(row, column) {
    var cell = row.cells[column];
    var value = cell.getAttribute("data-sort");
    return value === null ? cell.textContent.trim() : value;
  }
  function compare(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y)) { return x - y; }
    return a.localeCompare(b, lang, { numeric: true });
  }
  function sortBy(header) {
    var column = Number(header.getAttribute("data-column"));
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (r1, r2) {
      var order = compare(key(r1, column), key(r2, column));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  table.querySelectorAll("th[data-column]").forEach(function (header) {
    var button = document.createElement("button");
    button.type = "button";
    while (header.firstChild) { button.appendChild(header.firstChild); }
    header.appendChild(button);
    button.addEventListener("click", function () { sortBy(header); });
  });

  function filter() {
    var text = form.elements.text.value.trim().toLowerCase();
    var status = form.elements.status.value;
    var province = form.elements.province.value;
    var count = 0;
    rows.forEach(function (row) {
      var keep = (!text || row.textContent.toLowerCase().indexOf(text) >= 0) &&
        (!status || row.getAttribute("data-status") === status) &&
        (!province || row.getAttribute("data-province") === province);
      row.hidden = !keep;
      if (keep) { count += 1; }
    });
    shown.textContent = String(count);
  }
  form.addEventListener("input", filter);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
}());
