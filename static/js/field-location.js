/* The optional location of an activity or a meeting (communities.location_forms). The user
 * chooses the precision; this asks the phone for its position only then, and fills the
 * hidden fields. "About 1 km" is rounded here, before the entry is stored or sent (the
 * server rounds again); "Community only" sends no coordinates at all. The fieldset stays
 * hidden, and empty, while the chosen plan action is about a sensitive problem. */
(function () {
  "use strict";

  var NEEDS_POSITION = ["exact", "about_1_km"];

  function setup(box) {
    var form = box.closest("form");
    if (!form) { return; }
    var lat = form.querySelector("input[name=latitude]");
    var lng = form.querySelector("input[name=longitude]");
    var accuracy = form.querySelector("input[name=location_accuracy_m]");
    var status = box.querySelector(".location-status");
    var radios = Array.prototype.slice.call(box.querySelectorAll("input[name=location_precision]"));
    var action = form.querySelector("select[name=plan_action]");
    var sensitive = (box.getAttribute("data-sensitive-actions") || "").split(",").filter(Boolean);
    var asked = 0;

    function say(message) { if (status) { status.textContent = message || ""; } }

    function chosen() {
      var checked = radios.filter(function (r) { return r.checked; })[0];
      return checked ? checked.value : "";
    }

    function choose(value) {
      radios.forEach(function (r) { r.checked = r.value === value; });
    }

    function clearPosition() {
      lat.value = "";
      lng.value = "";
      accuracy.value = "";
    }

    function showKept() {
      if (lat.value && NEEDS_POSITION.indexOf(chosen()) !== -1) {
        say(box.getAttribute("data-text-located").replace("%s", accuracy.value || "?"));
      } else {
        say("");
      }
    }

    function locate(precision) {
      var attempt = ++asked;
      clearPosition();
      say(box.getAttribute("data-text-locating"));
      navigator.geolocation.getCurrentPosition(function (position) {
        if (attempt !== asked || chosen() !== precision) { return; }
        var c = position.coords;
        var metres = Math.round(c.accuracy || 0);
        if (precision === "about_1_km") {
          lat.value = c.latitude.toFixed(2);
          lng.value = c.longitude.toFixed(2);
          metres = Math.max(metres, 1000);
        } else {
          lat.value = c.latitude.toFixed(6);
          lng.value = c.longitude.toFixed(6);
        }
        accuracy.value = String(metres);
        showKept();
      }, function () {
        if (attempt !== asked) { return; }
        clearPosition();
        choose("");
        say(box.getAttribute("data-text-failed"));
      }, {
        enableHighAccuracy: precision === "exact",
        timeout: 30000,
        maximumAge: 5 * 60 * 1000
      });
    }

    function onChange() {
      var value = chosen();
      if (NEEDS_POSITION.indexOf(value) !== -1) {
        locate(value);
      } else {
        asked++;
        clearPosition();
        say("");
      }
    }

    // Never offered for work on a sensitive problem: hidden, and nothing kept in it.
    function applySensitivity() {
      var hide = !!(action && action.value && sensitive.indexOf(action.value) !== -1);
      box.hidden = hide;
      if (hide) {
        asked++;
        choose("");
        clearPosition();
        say("");
      }
    }

    if (!navigator.geolocation) {
      radios.forEach(function (r) {
        if (NEEDS_POSITION.indexOf(r.value) !== -1) { r.disabled = true; }
      });
    }
    radios.forEach(function (r) { r.addEventListener("change", onChange); });
    if (action) { action.addEventListener("change", applySensitivity); }
    form.addEventListener("outbox:filled", function () { applySensitivity(); showKept(); });
    form.addEventListener("reset", function () {
      asked++;
      window.setTimeout(function () { clearPosition(); say(""); }, 0);
    });
    box.hidden = false;
    applySensitivity();
    showKept();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("fieldset[data-location]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
