/* Directory finder: progressive enhancements of a form that works without JavaScript.
   - "Autour de moi": the browser's position fills lat/lon and the list is sorted by distance;
   - a facet or the sort changes: the results are fetched and swapped in place, the URL updated
     (still shareable), the count announced by the live region and the focus kept where it was. */
(function () {
  "use strict";

  var form = document.querySelector("[data-finder-form]");
  if (!form) return;
  var statusRegion = document.getElementById("finder-status");
  var geoStatus = document.getElementById("finder-geo-status");

  function say(element, text) {
    if (element) element.textContent = text;
  }

  function formUrl() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value !== "" && key !== "page") params.append(key, value);
    });
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function setHidden(name, value) {
    var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  /* Autour de moi */
  var geoButton = form.querySelector("[data-geolocate]");
  if (geoButton && "geolocation" in navigator) {
    geoButton.hidden = false;
    geoButton.addEventListener("click", function () {
      geoButton.setAttribute("aria-busy", "true");
      say(geoStatus, "Recherche de votre position…");
      navigator.geolocation.getCurrentPosition(
        function (position) {
          setHidden("lat", position.coords.latitude.toFixed(5));
          setHidden("lon", position.coords.longitude.toFixed(5));
          setHidden("tri", "distance");
          var sort = form.querySelector('select[name="tri"]');
          if (sort) sort.disabled = true; /* the hidden field decides */
          var near = form.querySelector('input[name="pres-de"]');
          if (near) near.value = "";
          say(geoStatus, "Position trouvée\u00a0: affichage des organisations les plus proches…");
          form.submit();
        },
        function () {
          geoButton.removeAttribute("aria-busy");
          say(geoStatus, "Votre position n’est pas disponible\u00a0: indiquez plutôt un code postal ou une adresse dans «\u00a0Près de\u00a0».");
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 }
      );
    });
  }

  /* Live update on facet and sort changes */
  var pending = null;
  /* The list shown, without its fragment: a skip link or an in-page link changes only the fragment
     (and fires popstate), which must not reload the page. */
  var shownList = location.pathname + location.search;

  function swap(html, url, focusId, focusGroup) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    ["finder-facets", "finder-results", "finder-filter-count", "map-unlocated"].forEach(function (id) {
      var fresh = doc.getElementById(id);
      var current = document.getElementById(id);
      if (fresh && current) current.innerHTML = fresh.innerHTML;
    });
    var freshStatus = doc.getElementById("finder-status");
    if (freshStatus) say(statusRegion, freshStatus.textContent);
    if (doc.title) document.title = doc.title;
    var target = focusId && document.getElementById(focusId);
    if (!target && focusGroup) target = document.querySelector('#finder-facets input[name="' + focusGroup + '"]');
    if (!target) target = document.querySelector("#finder-facets h2");
    if (target) {
      if (!target.matches("input, select, button, a")) target.setAttribute("tabindex", "-1");
      target.focus();
    }
    document.dispatchEvent(new CustomEvent("finder:updated", { detail: { url: url } }));
  }

  function refresh(focusId, focusGroup) {
    var url = formUrl();
    if (pending) pending.abort();
    pending = new AbortController();
    form.setAttribute("aria-busy", "true");
    fetch(url, { signal: pending.signal, headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        history.pushState({ finder: true }, "", url);
        shownList = location.pathname + location.search;
        swap(html, url, focusId, focusGroup);
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
        window.location.assign(url); /* the plain page always works */
      })
      .finally(function () {
        form.removeAttribute("aria-busy");
      });
  }

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("[data-facet]")) {
      refresh(target.id, target.name);
    } else if (target.matches("[data-autosubmit]")) {
      refresh(target.id, null);
    }
  });

  /* Back and forward between lists the finder showed in place: the page for that URL. */
  window.addEventListener("popstate", function () {
    if (location.pathname + location.search !== shownList) window.location.reload();
  });
})();
