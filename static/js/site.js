// Site-wide progressive enhancements. The site works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Small screens: collapse the main navigation behind a "Menu" button.
  function setUpNavToggle() {
    var toggle = document.querySelector(".main-nav__toggle");
    var list = document.getElementById("main-nav-list");
    if (!toggle || !list) return;
    var small = window.matchMedia("(max-width: 40rem)");
    function apply() {
      if (small.matches) {
        toggle.hidden = false;
        if (!list.hasAttribute("data-collapsed")) list.setAttribute("data-collapsed", "true");
        toggle.setAttribute("aria-expanded", list.getAttribute("data-collapsed") === "true" ? "false" : "true");
      } else {
        toggle.hidden = true;
        list.removeAttribute("data-collapsed");
      }
    }
    toggle.addEventListener("click", function () {
      var collapsed = list.getAttribute("data-collapsed") === "true";
      list.setAttribute("data-collapsed", collapsed ? "false" : "true");
      toggle.setAttribute("aria-expanded", collapsed ? "true" : "false");
    });
    // Escape closes the open menu and gives the focus back to its button.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || toggle.hidden || list.getAttribute("data-collapsed") !== "false") return;
      list.setAttribute("data-collapsed", "true");
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    });
    small.addEventListener("change", apply);
    apply();
  }

  // Small screens: a list's filters wait behind a « Filtrer (n) » button ([data-filter-toggle],
  // aria-controls = the panel), so that the search box and the results come first. Whether the
  // visitor opened them is kept for the tab's session (each submit loads a new page).
  function setUpFilterToggles() {
    var small = window.matchMedia("(max-width: 59.99rem)");
    document.querySelectorAll("[data-filter-toggle]").forEach(function (toggle) {
      var panel = document.getElementById(toggle.getAttribute("aria-controls"));
      if (!panel) return;
      var key = "ess-filtres:" + location.pathname + "#" + panel.id;
      function isOpen() {
        try { return window.sessionStorage.getItem(key) === "ouvert"; } catch (error) { return false; }
      }
      function apply() {
        if (small.matches) {
          var open = isOpen();
          toggle.hidden = false;
          toggle.setAttribute("aria-expanded", open ? "true" : "false");
          panel.setAttribute("data-filter-panel", open ? "open" : "collapsed");
        } else {
          toggle.hidden = true;
          panel.removeAttribute("data-filter-panel");
        }
      }
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        try { window.sessionStorage.setItem(key, open ? "ouvert" : "ferme"); } catch (error) { /* private mode */ }
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        panel.setAttribute("data-filter-panel", open ? "open" : "collapsed");
      });
      small.addEventListener("change", apply);
      apply();
    });
  }

  // The skip link target gets focus even in browsers that only scroll.
  function setUpSkipLinks() {
    document.querySelectorAll(".skip-links a").forEach(function (link) {
      link.addEventListener("click", function () {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) return;
        if (!target.hasAttribute("tabindex") && !/^(INPUT|A|BUTTON|SELECT|TEXTAREA)$/.test(target.tagName)) {
          target.setAttribute("tabindex", "-1");
        }
        target.focus();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUpNavToggle(); setUpFilterToggles(); setUpSkipLinks(); });
  } else {
    setUpNavToggle();
    setUpFilterToggles();
    setUpSkipLinks();
  }
})();
