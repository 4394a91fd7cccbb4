// Organisation form, opening hours (directory/admin/opening_hours.py): show the time ranges only for
// days « Horaires », and only the part of the widget that counts (« Jour par jour » or « Saisie avancée »).
// Without JavaScript every control is visible and the radio still decides.
(function () {
  "use strict";

  function enhance(root) {
    if (root.dataset.essHoursReady) return;
    root.dataset.essHoursReady = "1";
    var week = root.querySelector("[data-ess-hours-week]");
    var raw = root.querySelector("[data-ess-hours-raw]");
    function showMode() {
      var checked = root.querySelector('input[type="radio"]:checked');
      var advanced = !checked || checked.value !== "semaine";
      week.hidden = advanced;
      raw.hidden = !advanced;
    }
    root.querySelectorAll('input[type="radio"]').forEach(function (radio) {
      radio.addEventListener("change", showMode);
    });
    root.querySelectorAll("[data-ess-hours-day]").forEach(function (day) {
      var state = day.querySelector("[data-ess-hours-state]");
      var ranges = day.querySelector("[data-ess-hours-ranges]");
      ranges.hidden = state.value !== "horaires";
      state.addEventListener("change", function () {
        ranges.hidden = state.value !== "horaires";
      });
    });
    showMode();
  }

  function enhanceAll() {
    document.querySelectorAll("[data-ess-hours]").forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
