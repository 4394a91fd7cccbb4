/* The event form (Wagtail admin): the common cases in one choice (date, times and repetition filled
   together), the repetition choices named after the first session
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

  /* The common cases in one choice: « Chaque semaine, le mardi, de 9 h à 12 h » fills the first
     session's date (the next such day), its times and the repetition at once. */
  var SLOTS = [["09:00", "12:00", "de 9\u00a0h à 12\u00a0h"], ["14:00", "17:00", "de 14\u00a0h à 17\u00a0h"]];

  function nextWeekday(weekday, after) {
    var day = new Date(after.getFullYear(), after.getMonth(), after.getDate() + 1);
    while ((day.getDay() + 6) % 7 !== weekday) day.setDate(day.getDate() + 1);
    return day;
  }

  function nextSecondWeekday(weekday, after) {
    for (var month = 0; month < 3; month++) {
      var day = new Date(after.getFullYear(), after.getMonth() + month, 1);
      while ((day.getDay() + 6) % 7 !== weekday) day.setDate(day.getDate() + 1);
      day.setDate(day.getDate() + 7);
      if (day > after) return day;
    }
    return null;
  }

  function frenchDate(day) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(day.getDate()) + "/" + two(day.getMonth() + 1) + "/" + day.getFullYear();
  }

  function presets() {
    var groups = [["Chaque semaine", "hebdomadaire"], ["Chaque mois", "mensuelle-rang"]];
    return groups.map(function (group) {
      var items = [];
      WEEKDAYS.slice(0, 5).forEach(function (weekday, index) {
        SLOTS.forEach(function (slot) {
          var label = group[1] === "hebdomadaire"
            ? "Chaque semaine, le " + weekday + ", " + slot[2]
            : "Le 2e " + weekday + " du mois, " + slot[2];
          items.push({ label: label, kind: group[1], weekday: index, start: slot[0], end: slot[1] });
        });
      });
      return { label: group[0], items: items };
    });
  }

  function setValue(input, value) {
    if (!input) return;
    input.value = value;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function addPresets(select) {
    var wrapper = document.createElement("div");
    wrapper.className = "recurrence-presets";
    var label = document.createElement("label");
    label.setAttribute("for", "recurrence-preset");
    label.className = "recurrence-presets__label";
    label.textContent = "Cas courant, en un choix";
    var help = document.createElement("p");
    help.className = "help";
    help.id = "recurrence-preset-help";
    help.textContent = "Remplit la date de la première séance, les horaires et la répétition\u00a0; tout reste modifiable.";
    var chooser = document.createElement("select");
    chooser.id = "recurrence-preset";
    chooser.setAttribute("aria-describedby", help.id);
    chooser.appendChild(new Option("Choisir un cas courant…", ""));
    var all = [];
    presets().forEach(function (group) {
      var optgroup = document.createElement("optgroup");
      optgroup.label = group.label;
      group.items.forEach(function (item) {
        optgroup.appendChild(new Option(item.label, String(all.length)));
        all.push(item);
      });
      chooser.appendChild(optgroup);
    });
    chooser.addEventListener("change", function (event) {
      event.stopPropagation();
      var item = all[+chooser.value];
      if (!item) return;
      var today = new Date();
      var first = item.kind === "hebdomadaire" ? nextWeekday(item.weekday, today) : nextSecondWeekday(item.weekday, today);
      var allDay = field("all_day");
      if (allDay && allDay.checked) { allDay.checked = false; allDay.dispatchEvent(new Event("change", { bubbles: true })); }
      setValue(field("start_date"), frenchDate(first));
      setValue(field("start_time"), item.start);
      setValue(field("end_time"), item.end);
      setValue(select, item.kind);
    });
    wrapper.appendChild(label);
    wrapper.appendChild(help);
    wrapper.appendChild(chooser);
    var anchor = select.closest(".w-panel__content") || select.parentNode;
    anchor.insertBefore(wrapper, anchor.firstChild);
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

    addPresets(select);
    var form = select.form;
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    refresh();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
