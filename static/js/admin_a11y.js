/* Names and roles the admin's borrowed widgets leave out: Django's tabular inlines
   (fields labelled only by a column header), Select2 autocompletes, jQuery UI tabs
   (modeltranslation's language tabs) and modeltranslation's language switch.
   Found by axe-core in tests/conformance; each fix keeps the widget working. */
(function () {
  "use strict";
  var words = document.currentScript.dataset;

  function ownText(element) {
    // A column header's words, without its help icon's alternative text.
    return Array.prototype.map.call(element.childNodes, function (node) {
      return node.nodeType === Node.TEXT_NODE ? node.textContent : "";
    }).join(" ").replace(/\s+/g, " ").trim();
  }

  function columnHeader(control) {
    // In a tabular inline a control's only label is the header of its column.
    var cell = control.closest("td");
    var table = cell && cell.closest("table");
    var header = table && table.querySelectorAll("thead tr th, thead tr td")[cell.cellIndex];
    return header ? ownText(header) : "";
  }

  function labelFor(control) {
    var label = control.id && document.querySelector('label[for="' + control.id + '"]');
    if (label) return label.textContent.replace(/[:：]\s*$/, "").trim();
    if (control.closest(".tabular")) return columnHeader(control);
    return "";
  }

  function hasLabel(control) {
    return control.getAttribute("aria-label") || (control.id && document.querySelector('label[for="' + control.id + '"]'));
  }

  function nameTabularFields(root) {
    root.querySelectorAll(".tabular tbody input:not([type=hidden]), .tabular tbody select, .tabular tbody textarea").forEach(function (control) {
      if (!hasLabel(control)) {
        var text = columnHeader(control);
        if (text) control.setAttribute("aria-label", text);
      }
    });
    root.querySelectorAll(".tabular thead th").forEach(function (header) {
      if (header.textContent.trim()) return;
      if (header.classList.contains("original")) {
        var hidden = document.createElement("span");
        hidden.className = "a11y-hidden";
        hidden.textContent = words.itemLabel;
        header.appendChild(hidden);
      } else {
        // An empty column (no delete box without the right to delete): a plain cell, not a header.
        var cell = document.createElement("td");
        cell.className = header.className;
        header.replaceWith(cell);
      }
    });
  }

  function nameSplitDateTimes(root) {
    // Django's date-and-time widget: one <label> for two inputs, each after its own word ("Date:", "Time:").
    root.querySelectorAll("p.datetime input").forEach(function (input) {
      if (hasLabel(input)) return;
      var row = input.closest(".form-row, .fieldBox, div");
      var label = row && row.querySelector("label");
      var word = input.previousSibling;
      while (word && word.nodeType !== Node.TEXT_NODE) word = word.previousSibling;
      var parts = [label ? label.textContent.replace(/[:：]\s*$/, "").trim() : "", word ? word.textContent.replace(/[:：]\s*$/, "").trim() : ""];
      input.setAttribute("aria-label", parts.filter(Boolean).join(", "));
    });
  }

  function nameSelect2(root) {
    root.querySelectorAll("select.admin-autocomplete, select[data-select2-id]").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      var text = labelFor(select);
      container.querySelectorAll("[role=combobox], [role=textbox], input.select2-search__field").forEach(function (control) {
        if (text) control.setAttribute("aria-label", text);
      });
      // A multiple choice renders its "clear" button inside the <ul> of choices: move it next to the list.
      container.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
        var tidy = function () {
          Array.prototype.slice.call(list.children).forEach(function (child) {
            if (child.tagName !== "LI") list.parentNode.insertBefore(child, list.nextSibling);
          });
        };
        tidy();
        new MutationObserver(tidy).observe(list, { childList: true });
      });
    });
  }

  function flattenTabs(root) {
    // A jQuery UI tab is the focusable <li role=tab>; its <a> only repeats it for the mouse.
    root.querySelectorAll("[role=tab] a.ui-tabs-anchor[href]").forEach(function (anchor) {
      anchor.dataset.href = anchor.getAttribute("href");
      anchor.removeAttribute("href");
    });
  }

  function nameLanguageSwitch(root) {
    var select = root.querySelector("#modeltranslation-main-switch");
    if (select && !select.getAttribute("aria-label")) select.setAttribute("aria-label", words.languageLabel);
  }

  function fix() {
    nameTabularFields(document);
    nameSplitDateTimes(document);
    nameSelect2(document);
    flattenTabs(document);
    nameLanguageSwitch(document);
  }

  // After the widgets have been built, and whenever they build more (inline rows added,
  // Select2 redrawing its search field): every fix can run again without harm.
  var pending = false;
  function fixSoon() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      fix();
    });
  }
  window.addEventListener("load", function () {
    fix();
    new MutationObserver(fixSoon).observe(document.body, { childList: true, subtree: true });
  });
})();
