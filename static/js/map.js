/* Directory maps (Leaflet, vendored): the finder's map with clustered, keyboard-reachable markers,
   and the small map of an organisation page. Data comes from data- attributes and the JSON points
   endpoint; no inline script, and the list of results stays on the page as the alternative. */
(function () {
  "use strict";

  if (!window.L) return;
  var MARSEILLE = [43.2965, 5.3698];

  function addTiles(element, map) {
    var url = element.getAttribute("data-tiles-url");
    if (!url) return null;
    var layer = L.tileLayer(url, { attribution: element.getAttribute("data-tiles-attribution") || "", maxZoom: 19 });
    layer.addTo(map);
    return layer;
  }

  function frenchControls(map) {
    L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
    map.attributionControl.setPrefix(false);
  }

  function text(tag, className, content) {
    var element = document.createElement(tag);
    element.className = className;
    element.textContent = content;
    return element;
  }

  var APPROXIMATE = "position approximative (point de référence du code postal ou de l’arrondissement)";

  /* An approximate point (a postcode's or an arrondissement's reference point) is hollow and dashed,
     as the legend under the map says, and its name says so to screen readers. */
  function markerIcon(name, approximate) {
    var html = document.createElement("div");
    html.appendChild(text("span", approximate ? "map-marker map-marker--approximate" : "map-marker", ""));
    html.appendChild(text("span", "visually-hidden", approximate ? name + ", " + APPROXIMATE : name));
    return L.divIcon({ className: "map-marker-wrapper", html: html.innerHTML, iconSize: [26, 26], iconAnchor: [13, 26], popupAnchor: [0, -26] });
  }

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var html = document.createElement("div");
    var badge = text("span", "map-cluster", String(count));
    badge.appendChild(text("span", "visually-hidden", " organisations ici\u00a0: agrandir la carte"));
    html.appendChild(badge);
    return L.divIcon({ className: "map-cluster-wrapper", html: html.innerHTML, iconSize: [40, 40] });
  }

  function popupContent(point, newTab) {
    var box = document.createElement("div");
    var title = text("p", "map-popup__title", "");
    var link = document.createElement("a");
    link.href = point[3];
    link.textContent = point[2];
    if (newTab) {
      /* In a partner's widget: the full page opens in a new tab, and says so. */
      link.target = "_blank";
      link.rel = "noopener";
      link.appendChild(text("span", "visually-hidden", " (nouvel onglet)"));
    }
    title.appendChild(link);
    box.appendChild(title);
    if (point[4]) box.appendChild(text("p", "map-popup__meta", point[4]));
    if (point[5]) box.appendChild(text("p", "map-popup__meta", APPROXIMATE.charAt(0).toUpperCase() + APPROXIMATE.slice(1)));
    return box;
  }

  function say(element, message) {
    if (element) element.textContent = message;
  }

  function initFinderMap(element) {
    var newTab = element.hasAttribute("data-new-tab");
    var statusRegion = document.querySelector("[data-map-status]");
    var fallback = document.querySelector("[data-map-fallback]");
    if (fallback) fallback.hidden = true;
    var map = L.map(element, { zoomControl: false, keyboard: true }).setView(MARSEILLE, 12);
    frenchControls(map);
    var tiles = addTiles(element, map);
    var tileErrorShown = false;
    if (tiles) {
      tiles.on("tileerror", function () {
        if (tileErrorShown) return;
        tileErrorShown = true;
        say(statusRegion, "Le fond de carte ne s’affiche pas\u00a0; les repères des organisations restent disponibles.");
      });
    }
    var clusters = L.markerClusterGroup({ iconCreateFunction: clusterIcon, showCoverageOnHover: false, maxClusterRadius: 50 });
    map.addLayer(clusters);
    var lastMarker = null; /* the marker whose bubble is open: focus goes back to it */
    var returnFocus = true;

    function iconElements() {
      return Array.prototype.slice.call(element.querySelectorAll(".leaflet-marker-pane [role=button]"));
    }

    /* Markers, clusters and controls are role=button: Space activates them as Enter does (a link or a
       div would otherwise let the page scroll). */
    element.addEventListener("keydown", function (event) {
      var target = event.target;
      if ((event.key === " " || event.key === "Spacebar") && target.getAttribute("role") === "button" && target.tagName !== "BUTTON") {
        event.preventDefault();
        target.click();
      }
    });

    /* A cluster opened from the keyboard zooms in: focus goes to the first of its markers now shown. */
    var openedCluster = null;
    clusters.on("clusterclick clusterkeypress", function (event) {
      if (event.type === "clusterkeypress" && !(event.originalEvent && event.originalEvent.keyCode === 13)) return;
      if (document.activeElement === event.layer.getElement()) openedCluster = event.layer.getAllChildMarkers();
    });
    clusters.on("animationend spiderfied", function () {
      if (!openedCluster) return;
      var markers = openedCluster;
      openedCluster = null;
      for (var i = 0; i < markers.length; i += 1) {
        var shown = clusters.getVisibleParent(markers[i]);
        if (shown && shown.getElement()) { shown.getElement().focus(); return; }
      }
    });

    function closeAndFocus(next) {
      returnFocus = false;
      map.closePopup();
      returnFocus = true;
      next.focus();
    }

    map.on("popupopen", function (event) {
      var container = event.popup.getElement();
      if (!container) return;
      var close = container.querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", "Fermer la bulle");
        close.setAttribute("title", "Fermer la bulle");
      }
      /* Leaflet only hears Escape while the map itself has focus; here focus is in the bubble.
         Tab past the bubble goes on to the next marker, Shift+Tab before it back to its marker. */
      if (!container.hasAttribute("data-keyboard")) {
        container.setAttribute("data-keyboard", "");
        container.addEventListener("keydown", function (keyEvent) {
          if (keyEvent.key === "Escape") {
            keyEvent.preventDefault();
            map.closePopup();
            return;
          }
          if (keyEvent.key !== "Tab" || !lastMarker || !lastMarker.getElement()) return;
          var focusables = container.querySelectorAll("a[href], button");
          var opener = lastMarker.getElement();
          if (keyEvent.shiftKey && document.activeElement === focusables[0]) {
            keyEvent.preventDefault();
            map.closePopup();
          } else if (!keyEvent.shiftKey && document.activeElement === focusables[focusables.length - 1]) {
            var icons = iconElements();
            var next = icons[icons.indexOf(opener) + 1] || element.querySelector(".leaflet-control-zoom-in");
            if (next) {
              keyEvent.preventDefault();
              closeAndFocus(next);
            }
          }
        });
      }
      var link = container.querySelector("a[href]:not(.leaflet-popup-close-button)");
      if (link) link.focus();
    });
    map.on("popupclose", function () {
      if (returnFocus && lastMarker && lastMarker.getElement()) lastMarker.getElement().focus();
    });

    function load(pointsUrl) {
      fetch(pointsUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          clusters.clearLayers();
          var markers = data.points.map(function (point) {
            var marker = L.marker([point[0], point[1]], { icon: markerIcon(point[2], point[5]), title: point[2], keyboard: true });
            marker.bindPopup(function () { return popupContent(point, newTab); });
            /* Enter (keypress), Space and a click all open the bubble: remember who opened it. */
            marker.on("popupopen", function () { lastMarker = marker; });
            return marker;
          });
          clusters.addLayers(markers);
          if (markers.length) {
            map.fitBounds(clusters.getBounds(), { padding: [30, 30], maxZoom: 16 });
          } else if (data.origin) {
            map.setView(data.origin, 14);
          }
          element.setAttribute("data-count", String(markers.length));
          say(statusRegion, markers.length
            ? markers.length + (markers.length > 1 ? " organisations sur la carte." : " organisation sur la carte.")
            : "Aucune organisation à placer sur la carte.");
        })
        .catch(function () {
          say(statusRegion, "La carte n’a pas pu charger les repères\u00a0: utilisez la liste des résultats.");
        });
    }

    var base = element.getAttribute("data-points-url").split("?")[0];
    load(element.getAttribute("data-points-url"));
    document.addEventListener("finder:updated", function (event) {
      var query = event.detail.url.split("?")[1] || "";
      load(base + (query ? "?" + query : ""));
    });
  }

  function initSingleMap(element) {
    var point = [parseFloat(element.getAttribute("data-lat")), parseFloat(element.getAttribute("data-lon"))];
    if (isNaN(point[0]) || isNaN(point[1])) return;
    /* A still picture of the place: the address is written beside it, nothing here needs the keyboard. */
    var map = L.map(element, {
      zoomControl: false, keyboard: false, dragging: false, scrollWheelZoom: false, doubleClickZoom: false,
      touchZoom: false, boxZoom: false
    }).setView(point, 16);
    map.attributionControl.setPrefix(false);
    addTiles(element, map);
    L.marker(point, { icon: markerIcon(element.getAttribute("data-name") || ""), interactive: false, keyboard: false }).addTo(map);
  }

  document.querySelectorAll("[data-map]").forEach(function (element) {
    if (element.hasAttribute("data-single")) initSingleMap(element);
    else initFinderMap(element);
  });
})();
