/* Public maps: markers come from a JSON script tag written with Django's json_script, so
   no inline script is needed (CSP). With no tile URL configured, or when tiles fail to
   load, the markers still show on a plain background. */
(function () {
  "use strict";

  function init(element) {
    var source = document.getElementById(element.getAttribute("data-markers"));
    if (!source || typeof L === "undefined") {
      return;
    }
    var markers = JSON.parse(source.textContent);
    if (!markers.length) {
      return;
    }
    var tileUrl = element.getAttribute("data-tile-url");
    var map = L.map(element, { scrollWheelZoom: false, attributionControl: Boolean(tileUrl) });
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        maxZoom: 18,
        attribution: element.getAttribute("data-tile-attribution") || ""
      }).addTo(map);
    }
    var group = L.featureGroup();
    markers.forEach(function (marker) {
      var circle = L.circleMarker([marker.lat, marker.lng], {
        radius: 7,
        color: "#12405f",
        weight: 2,
        fillColor: "#1d5c8c",
        fillOpacity: 0.85
      });
      var link = document.createElement("a");
      link.href = marker.url;
      link.textContent = marker.name;
      circle.bindPopup(link);
      // Leaflet puts a string tooltip in via innerHTML; a text node keeps names as text.
      circle.bindTooltip(document.createTextNode(marker.name));
      group.addLayer(circle);
    });
    group.addTo(map);
    // Country outlines (static/vendor/boundaries), so markers never sit on a blank box.
    // Same-origin static file; drawn under the markers and never interactive.
    var outlines = element.getAttribute("data-outlines");
    if (outlines && window.fetch) {
      fetch(outlines)
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) {
            return;
          }
          L.geoJSON(data, {
            interactive: false,
            style: { color: "#5b6b7a", weight: 1.5, fillColor: "#eef3f7", fillOpacity: 0.6 }
          }).addTo(map);
          group.bringToFront();
          element.setAttribute("data-outlines-ready", "true");
        })
        .catch(function () { /* markers still show without the outlines */ });
    }
    if (markers.length === 1) {
      map.setView([markers[0].lat, markers[0].lng], 10);
    } else {
      map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 11 });
    }
    element.classList.add("map-ready");
    element.setAttribute("data-marker-count", String(markers.length));
  }

  document.querySelectorAll("[data-map]").forEach(init);
})();
