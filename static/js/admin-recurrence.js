/* The event form (Wagtail admin): the repetition choices named after the first session
   (« Chaque semaine, le mardi », « Chaque mois, le 2e mardi »), and the next 5 dates previewed as the
   editor types, computed by the server with the agenda's own recurrence code
   (agenda/admin_preview.py). */
(function () {
  "use strict";

  var WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
  var FIELDS = ["start_date", "start_time", "end_time", "end_date", "all_day", "recurrence",
    "recurrence_interval", "recurrence_rule", "recurrence_until", "recurrence_count"];

  function field(name) {
    return document.getElementById("id_" + name);
  }

  function parseDate(text) {
    var iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    var french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text || "");
    if (iso) return new Date(+iso[1], +iso[2] - 1, +iso[3]);
    if (french) return new Date(+french[3], +french[2] - 1, +french[1]);
    return null;
  }

  /* The choices say the actual day: « Chaque semaine, le mardi ». */
  function nameChoices(select, day) {
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.hasAttribute("data-label")) option.setAttribute("data-label", option.textContent);
      var generic = option.getAttribute("data-label");
      if (!day) { option.textContent = generic; return; }
      var weekday = WEEKDAYS[(day.getDay() + 6) % 7];
      var rank = Math.floor((day.getDate() - 1) / 7) + 1;
      if (option.value === "hebdomadaire") option.textContent = "Chaque semaine, le " + weekday;
      else if (option.value === "mensuelle-rang") {
        option.textContent = rank > 4 ? generic : "Chaque mois, le " + (rank === 1 ? "1er" : rank + "e") + " " + weekday;
      } else if (option.value === "mensuelle-dernier") option.textContent = "Chaque mois, le dernier " + weekday;
      else option.textContent = generic;
    });
  }

  function exceptions() {
    var dates = [];
    document.querySelectorAll('input[name^="exceptions-"][name$="-date"]').forEach(function (input) {
      var deleted = document.querySelector('input[name="' + input.name.replace(/-date$/, "-DELETE") + '"]');
      if (input.value && !(deleted && (deleted.checked || deleted.value === "1"))) dates.push(input.value);
    });
    return dates.join(",");
  }

  function setUp() {
    var preview = document.querySelector("[data-recurrence-preview]");
    var select = field("recurrence");
    if (!preview || !select) return;
    var body = preview.querySelector("[role=status]");
    var timer = null;
    var asked = 0;

    function render(data) {
      body.textContent = "";
      if (data.error) {
        var error = document.createElement("p");
        error.className = "help recurrence-preview__error";
        error.textContent = data.error;
        body.appendChild(error);
        return;
      }
      var description = document.createElement("p");
      description.className = "recurrence-preview__description";
      description.textContent = data.description;
      body.appendChild(description);
      var list = document.createElement("ul");
      list.className = "recurrence-preview__dates";
      data.dates.forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        list.appendChild(item);
      });
      body.appendChild(list);
    }

    function refresh() {
      var start = field("start_date");
      nameChoices(select, parseDate(start && start.value));
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) {
        var input = field(name);
        if (!input) return;
        if (input.type === "checkbox") { if (input.checked) params.set(name, "on"); }
        else if (input.value) params.set(name, input.value);
      });
      params.set("exceptions", exceptions());
      var ticket = ++asked;
      fetch(preview.getAttribute("data-url") + "?" + params.toString(), {
        credentials: "same-origin", headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.json(); })
        .then(function (data) { if (ticket === asked) render(data); })
        .catch(function () { /* the form still works; the preview waits for the next change */ });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    }

    var form = select.form;
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    refresh();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
