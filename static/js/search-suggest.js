// Search suggestions: turns every <input data-suggest="URL"> into a WAI-ARIA 1.2 combobox
// (list autocomplete, manual selection). Without this file the search forms work as plain forms.
(function () {
  "use strict";

  var DELAY_MS = 200;
  var MIN_LENGTH = 2;
  var counter = 0;

  function setUp(input) {
    var form = input.form;
    if (!form || input.hasAttribute("role")) return;
    counter += 1;
    var listId = "search-suggestions-" + counter;

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "search-suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;

    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    var anchor = input.parentNode;
    anchor.classList.add("search-suggest-anchor");
    anchor.appendChild(list);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!items.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(index) {
      var item = items[index];
      if (item) window.location.assign(item.url);
    }

    function render(results) {
      items = results;
      list.textContent = "";
      results.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "search-suggest__option";
        var title = document.createElement("span");
        title.className = "search-suggest__title";
        title.textContent = item.title;
        var type = document.createElement("span");
        type.className = "search-suggest__type";
        type.textContent = item.type_label;
        option.appendChild(title);
        option.appendChild(document.createTextNode(" "));
        option.appendChild(type);
        // Pressing the pointer only keeps the focus in the input (so the list stays open); the
        // suggestion opens on click, once released over it: moving away before releasing cancels.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
        });
        option.addEventListener("click", function () {
          go(index);
        });
        list.appendChild(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (results.length) {
        status.textContent = results.length + (results.length > 1 ? " suggestions disponibles" : " suggestion disponible") +
          "\u00a0: flèches haut et bas pour parcourir, Entrée pour ouvrir.";
        open();
      } else {
        status.textContent = "";
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) { open(); return; }
      lastQuery = query;
      if (query.length < MIN_LENGTH) { render([]); return; }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var url = input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(query);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, signal: controller && controller.signal })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (payload) { if (input.value.trim() === query) render(payload.results || []); })
        .catch(function () { /* aborted or offline: the form still submits */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = !list.hidden;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!expanded) { open(); if (list.hidden) fetchSuggestions(); return; }
          highlight(active + 1 >= items.length ? 0 : active + 1);
          break;
        case "ArrowUp":
          event.preventDefault();
          if (!expanded) { open(); return; }
          highlight(active - 1 < 0 ? items.length - 1 : active - 1);
          break;
        case "Enter":
          if (expanded && active >= 0) {
            event.preventDefault();
            go(active);
          }
          break;
        case "Escape":
          if (expanded) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            lastQuery = null;
          }
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", close);
  }

  function setUpAll() {
    document.querySelectorAll("input[data-suggest]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
