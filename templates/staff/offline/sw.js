/* Service worker of the staff workspace ({{ language }}), version __SW_VERSION__.
 * Rendered by core.pwa.service_worker. It keeps the workspace's shell, the forms, the
 * user's projects and their lists of communities for work without a connection, and sends
 * the outbox when the connection returns (Background Sync). No third-party host. */
/* eslint-disable */
"use strict";

importScripts("{{ store_url|escapejs }}");

var VERSION = "__SW_VERSION__";
var SHELL_CACHE = "staff-shell-" + VERSION;
var PAGES_CACHE = "staff-pages";
var SHELL = [{% for url in shell %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
var OFFLINE_URL = "{{ offline_url|escapejs }}";
var MANIFEST_URL = "{{ manifest_url|escapejs }}";
var SCOPE_PATH = new URL(self.registration.scope).pathname;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE).then(function (cache) {
      // The offline page is kept as an anonymous visitor sees it: on a shared phone it must
      // not show the name of whoever installed the worker.
      return cache.addAll(SHELL).then(function () {
        return fetch(OFFLINE_URL, { credentials: "omit" });
      }).then(function (response) {
        if (response.ok) { return cache.put(OFFLINE_URL, response); }
      });
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("staff-shell-") === 0 && name !== SHELL_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function isLoginPage(response) {
  return response.redirected && /\/staff\/login\//.test(response.url);
}

// Pages: the network first, so nothing stale is shown while online; the kept copy when the
// network fails; the offline page when the page was never opened on this phone.
function networkFirst(request) {
  return fetch(request).then(function (response) {
    if (response.ok && response.type === "basic" && !isLoginPage(response)) {
      var copy = response.clone();
      caches.open(PAGES_CACHE).then(function (cache) { cache.put(request.url, copy); });
    }
    return response;
  }, function () {
    return caches.match(request.url, { ignoreVary: true }).then(function (kept) {
      if (kept) { return kept; }
      if (request.mode === "navigate") {
        return caches.match(OFFLINE_URL, { ignoreVary: true });
      }
      return Response.error();
    });
  });
}

// Static files have hashed names: a kept copy is always right.
function cacheFirst(request) {
  return caches.match(request, { ignoreVary: true }).then(function (kept) {
    return kept || fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(SHELL_CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (url.pathname.indexOf(SCOPE_PATH) !== 0) { return; }
  if (url.pathname === MANIFEST_URL || /\/sw\.js$/.test(url.pathname)) { return; }
  event.respondWith(networkFirst(request));
});

// The pages a signed-in user needs offline, fetched again when a page asks (once a visit).
function keepUserPages() {
  return fetch(MANIFEST_URL, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
    if (!response.ok) { return null; }
    return response.json();
  }).then(function (info) {
    if (!info || !info.user) { return; }
    return caches.open(PAGES_CACHE).then(function (cache) {
      return Promise.all(info.urls.concat(info.static || []).map(function (url) {
        return fetch(url, { credentials: "same-origin" }).then(function (response) {
          if (response.ok && !isLoginPage(response)) { return cache.put(url, response); }
        }).catch(function () {});
      }));
    });
  }).catch(function () {});
}

function notifyClients(message) {
  return self.clients.matchAll({ includeUncontrolled: true }).then(function (clients) {
    clients.forEach(function (client) { client.postMessage(message); });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "keep-pages") {
    event.waitUntil(keepUserPages());
  } else if (data.type === "forget-pages") {
    // Logging out: the next person on a shared phone sees none of these pages.
    event.waitUntil(caches.delete(PAGES_CACHE));
  }
});

self.addEventListener("sync", function (event) {
  if (event.tag !== "staff-outbox") { return; }
  event.waitUntil(
    self.staffOutbox.sendAll({ manifestUrl: MANIFEST_URL }).then(function (items) {
      return notifyClients({ type: "outbox-changed", count: items.length });
    })
  );
});
