/* The outbox's storage and sending, shared by the staff pages (outbox.js) and the service
 * worker (Background Sync). Items live in IndexedDB, photos included, and leave it only
 * after the server has confirmed them (201 made, or 200 made by an earlier attempt).
 *
 * An item (kind "activity", "meeting" or "plan_action", from the form's data-outbox-kind):
 * { id, key, user, kind, url, formUrl, title, fields: [[name, value]…],
 *   photos: [{ name, type, blob }], submit, state, message, errors, labels, retry,
 *   attempts, createdAt, updatedAt, resultUrl }
 * States: "waiting" (not sent yet, or the connection failed), "sent", "attention" (the
 * server refused it, or the user must log in again).
 */
(function (scope) {
  "use strict";

  var DB_NAME = "staff-outbox";
  var STORE = "items";
  var SENT_KEEP_MS = 24 * 60 * 60 * 1000;

  function open() {
    return new Promise(function (resolve, reject) {
      var request = scope.indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains(STORE)) {
          db.createObjectStore(STORE, { keyPath: "id" });
        }
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var store = tx.objectStore(STORE);
        var result = work(store);
        tx.oncomplete = function () {
          db.close();
          resolve(result && "result" in result ? result.result : result);
        };
        tx.onerror = function () { db.close(); reject(tx.error); };
        tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function uuid() {
    if (scope.crypto && scope.crypto.randomUUID) { return scope.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    scope.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  var store = {
    uuid: uuid,
    put: function (item) {
      item.updatedAt = Date.now();
      return run("readwrite", function (s) { s.put(item); }).then(function () { return item; });
    },
    get: function (id) {
      return run("readonly", function (s) { return s.get(id); });
    },
    // Writes what one attempt heard, unless another attempt confirmed the item meanwhile:
    // a lost answer never sets a sent item back to waiting (nor brings its photos back).
    // Read and written in one transaction, so nothing slips in between.
    settle: function (item) {
      item.updatedAt = Date.now();
      var kept = item;
      return run("readwrite", function (s) {
        var request = s.get(item.id);
        request.onsuccess = function () {
          var stored = request.result;
          if (stored && stored.state === "sent" && item.state !== "sent") {
            kept = stored;
            return;
          }
          s.put(item);
        };
      }).then(function () { return kept; });
    },
    remove: function (id) {
      return run("readwrite", function (s) { s.delete(id); });
    },
    all: function (user) {
      return run("readonly", function (s) { return s.getAll(); }).then(function (items) {
        return (items || []).filter(function (item) {
          return user === undefined || user === null || String(item.user) === String(user);
        }).sort(function (a, b) { return a.createdAt - b.createdAt; });
      });
    },
    // Sent items stay visible for a day (as "sent"), without their photos.
    prune: function () {
      return store.all().then(function (items) {
        var old = items.filter(function (item) {
          return item.state === "sent" && Date.now() - (item.updatedAt || 0) > SENT_KEEP_MS;
        });
        return Promise.all(old.map(function (item) { return store.remove(item.id); }));
      });
    }
  };

  function session(manifestUrl) {
    // A fresh CSRF token and the signed-in user, straight from the network.
    return scope.fetch(manifestUrl, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Accept": "application/json", "X-Outbox": "1" }
    }).then(function (response) {
      if (response.status === 401) { return { user: null, csrf: null, signedOut: true }; }
      if (!response.ok) { throw new Error("manifest " + response.status); }
      return response.json();
    });
  }

  function formData(item) {
    var body = new FormData();
    item.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    body.set("client_key", item.key);
    body.set("submit", item.submit ? "1" : "0");
    (item.photos || []).forEach(function (photo) {
      body.append("photos", photo.blob, photo.name || "photo.jpg");
    });
    return body;
  }

  function readJson(response) {
    return response.json().catch(function () { return {}; });
  }

  // Sends one item and records what the server said. Never removes an unconfirmed item.
  function sendOne(item, options) {
    var headers = { "Accept": "application/json", "X-Outbox-Key": item.key };
    if (options.csrf) { headers["X-CSRFToken"] = options.csrf; }
    if (options.foreground) { headers["X-Outbox-Foreground"] = "1"; }
    item.attempts = (item.attempts || 0) + 1;
    return scope.fetch(item.url, {
      method: "POST",
      body: formData(item),
      credentials: "same-origin",
      headers: headers,
      redirect: "manual"
    }).then(function (response) {
      return readJson(response).then(function (data) {
        if (response.status === 200 || response.status === 201) {
          item.state = "sent";
          item.message = data.message || "";
          item.resultUrl = data.url || "";
          item.errors = null;
          // Confirmed: the phone no longer needs the photos or the typed text.
          item.photos = [];
          item.fields = [];
        } else if (response.status === 400) {
          item.state = "attention";
          item.retry = false;
          item.message = data.message || "";
          item.errors = data.errors || {};
          item.labels = data.labels || {};
        } else if (response.status === 401 || response.status === 403 || response.status === 404) {
          // 403 not allowed, 404 the group or action is gone or not theirs: shown, not retried.
          item.state = "attention";
          // Signed out: sent again on its own once the user has logged in.
          item.retry = response.status === 401;
          item.message = data.message || "";
          item.errors = null;
        } else {
          // A server error or a proxy's page: keep it and try again later.
          item.state = "waiting";
          item.message = data.message || "";
        }
        return store.settle(item);
      });
    }, function () {
      // The connection dropped (perhaps mid-upload): the item simply waits.
      item.state = "waiting";
      return store.settle(item);
    });
  }

  var running = null;

  // One sender at a time for the whole site: a page and the service worker (Background
  // Sync) both send, and `running` only guards each of them. Two uploads of one item at
  // once cost a second upload of its photos, and each wrote back what it heard: a lost
  // answer arriving after the other's confirmation set a sent item back to waiting. Under
  // the lock each reads the items afresh, so the second finds the item sent and skips it.
  function oneSenderAtATime(work) {
    var locks = scope.navigator && scope.navigator.locks;
    if (!locks || !locks.request) { return work(); }
    return locks.request("staff-outbox-send", work);
  }

  // Sends every item of the signed-in user that may go: waiting ones, and those held only
  // because the user was signed out.
  function sendAll(options) {
    if (running) { return running; }
    running = oneSenderAtATime(function () {
      return sendDue(options);
    }).catch(function () { return []; }).then(function (result) {
      running = null;
      return result;
    });
    return running;
  }

  function sendDue(options) {
    return session(options.manifestUrl).then(function (info) {
      if (info && info.signedOut && options.user) {
        // Signed out (the session timed out): the page's items wait for a new login.
        return store.all(options.user).then(function (items) {
          return Promise.all(items.filter(function (item) {
            return item.state === "waiting";
          }).map(function (item) {
            item.state = "attention";
            item.retry = true;
            item.message = options.signedOutMessage || "";
            return store.put(item);
          }));
        });
      }
      if (!info || !info.user) { return []; }
      return store.all(info.user).then(function (items) {
        var due = items.filter(function (item) {
          return item.state === "waiting" || (item.state === "attention" && item.retry);
        });
        var sent = [];
        return due.reduce(function (chain, item) {
          return chain.then(function () {
            return sendOne(item, {
              csrf: info.csrf,
              foreground: options.foreground && options.foreground === item.id
            }).then(function (result) { sent.push(result); });
          });
        }, Promise.resolve()).then(function () { return sent; });
      });
    });
  }

  // --- Photos, made small on the phone before they are stored or sent ----------------
  var MAX_EDGE = 1600;
  var QUALITY = 0.8;

  function canvasOf(width, height) {
    if (scope.document) {
      var canvas = scope.document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      return canvas;
    }
    return new scope.OffscreenCanvas(width, height);
  }

  function toJpeg(canvas) {
    if (canvas.convertToBlob) { return canvas.convertToBlob({ type: "image/jpeg", quality: QUALITY }); }
    return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", QUALITY); });
  }

  // Long side at most 1600 px, JPEG at 80 %, the camera's rotation applied. A canvas holds
  // pixels only, so no EXIF (GPS, camera, owner) reaches the blob.
  function shrinkPhoto(file, index) {
    var original = { name: file.name, type: file.type, blob: file };
    if (!/^image\//.test(file.type || "") || !scope.createImageBitmap) { return Promise.resolve(original); }
    return scope.createImageBitmap(file, { imageOrientation: "from-image" }).catch(function () {
      return scope.createImageBitmap(file);
    }).then(function (bitmap) {
      var scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
      var canvas = canvasOf(
        Math.max(1, Math.round(bitmap.width * scale)),
        Math.max(1, Math.round(bitmap.height * scale))
      );
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      if (bitmap.close) { bitmap.close(); }
      return toJpeg(canvas).then(function (blob) {
        return blob ? { name: "photo-" + ((index || 0) + 1) + ".jpg", type: "image/jpeg", blob: blob } : original;
      });
    }).catch(function () {
      // A format this browser cannot draw: the server checks it and says so.
      return original;
    });
  }

  scope.staffOutbox = {
    store: store,
    sendAll: sendAll,
    sendOne: sendOne,
    formData: formData,
    shrinkPhoto: shrinkPhoto
  };
})(typeof self !== "undefined" ? self : window);
