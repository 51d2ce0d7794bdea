/* Public maps: markers come from a JSON script tag written with Django's json_script, so
   no inline script is needed (CSP). With no tile URL configured, or when tiles fail to
   load, the markers still show on a plain background. */
(function () {
  "use strict";

  function outline(map, group, element, attribute, style) {
    var url = element.getAttribute(attribute);
    if (!url || !window.fetch) {
      return;
    }
    fetch(url)
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) {
          return;
        }
        var layer = L.geoJSON(data, { interactive: false, style: style }).addTo(map);
        // Countries arrive after regions on some loads: keep regions above the land fill.
        if (attribute === "data-outlines") {
          layer.bringToBack();
        }
        group.bringToFront();
        element.setAttribute(attribute + "-ready", "true");
      })
      .catch(function () { /* markers still show without the outlines */ });
  }

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
      // An approximate point (a district's centre) is drawn hollow and dashed, and its
      // popup says what it stands for, so nobody reads it as the place itself.
      var circle = L.circleMarker([marker.lat, marker.lng], marker.approximate ? {
        radius: 8,
        color: "#12405f",
        weight: 2,
        dashArray: "3 3",
        fillColor: "#ffffff",
        fillOpacity: 0.7,
        className: "marker-approximate"
      } : {
        radius: 7,
        color: "#12405f",
        weight: 2,
        fillColor: "#1d5c8c",
        fillOpacity: 0.85
      });
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = marker.url;
      link.textContent = marker.name;
      popup.appendChild(link);
      if (marker.note) {
        var note = document.createElement("p");
        note.className = "small map-approximate";
        note.textContent = marker.note;
        popup.appendChild(note);
      }
      circle.bindPopup(popup);
      // Leaflet puts a string tooltip in via innerHTML; a text node keeps names as text.
      circle.bindTooltip(document.createTextNode(marker.name));
      group.addLayer(circle);
    });
    group.addTo(map);
    // Country and region outlines (static/vendor/boundaries), so markers never sit on a
    // blank box. Same-origin static files; drawn under the markers and never interactive.
    outline(map, group, element, "data-outlines",
      { color: "#5b6b7a", weight: 1.5, fillColor: "#eef3f7", fillOpacity: 0.6 });
    outline(map, group, element, "data-regions",
      { color: "#8193a4", weight: 1, dashArray: "4 3", fill: false });
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
