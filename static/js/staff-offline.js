/* Installs the staff workspace's service worker (core.pwa) for this language's workspace,
 * and asks it, once a visit, to keep the pages this user needs offline: the forms, their
 * projects and each project's communities. Logging out forgets those pages. */
(function () {
  "use strict";
  var holder = document.getElementById("outbox");
  if (!holder || !("serviceWorker" in navigator)) { return; }
  var workerUrl = holder.getAttribute("data-worker");
  var scope = holder.getAttribute("data-scope");
  var KEPT = "staff-pages-kept";
  var KEEP_EVERY_MS = 10 * 60 * 1000;

  function keepPages(registration) {
    var worker = registration.active || registration.waiting || registration.installing;
    if (!worker || !navigator.onLine) { return; }
    var last = 0;
    try { last = Number(window.sessionStorage.getItem(KEPT) || 0); } catch (e) { last = 0; }
    if (Date.now() - last < KEEP_EVERY_MS) { return; }
    try { window.sessionStorage.setItem(KEPT, String(Date.now())); } catch (e) { /* private mode */ }
    worker.postMessage({ type: "keep-pages" });
  }

  navigator.serviceWorker.register(workerUrl, { scope: scope }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(keepPages).catch(function () {
    // No worker (an old browser, or a non-secure origin): the workspace works online only.
  });

  Array.prototype.forEach.call(document.querySelectorAll("form[data-staff-logout]"), function (form) {
    form.addEventListener("submit", function () {
      if (navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage({ type: "forget-pages" });
      }
      if (window.caches) { window.caches.delete("staff-pages"); }
      try { window.sessionStorage.removeItem(KEPT); } catch (e) { /* private mode */ }
    });
  });
})();
