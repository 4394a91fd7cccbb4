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
    small.addEventListener("change", apply);
    apply();
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
    document.addEventListener("DOMContentLoaded", function () { setUpNavToggle(); setUpSkipLinks(); });
  } else {
    setUpNavToggle();
    setUpSkipLinks();
  }
})();
