/* The outbox of the staff workspace: an activity, a working-group meeting or a plan-action
 * update (any form with data-outbox="<its endpoint>" and data-outbox-kind) is kept on this
 * phone (IndexedDB, photos included where the form takes them) the moment it is submitted, and sent when there is a connection: at once if
 * there is one, by Background Sync where the browser has it, otherwise when a staff page
 * is next opened or the connection comes back. Each item carries a key made here, so a
 * retry never makes a second record on the server (communities.activity_sync_views,
 * communities.cycle_sync_views).
 * Each item shows its state: waiting, sent, or needs attention (the server's message,
 * and the item stays editable). Photos are made small before they are stored
 * (outbox-store.js: long side at most 1600 px, JPEG at 80 %, no EXIF).
 */
(function () {
  "use strict";

  var RETRY_MS = 30 * 1000;
  var panel = document.getElementById("outbox");
  var api = window.staffOutbox;
  if (!panel || !api || !window.indexedDB || !window.fetch || !window.Promise) { return; }
  var store = api.store;
  var user = panel.getAttribute("data-user");
  var manifestUrl = panel.getAttribute("data-manifest");
  var loginUrl = panel.getAttribute("data-login");
  var list = panel.querySelector(".outbox-list");
  var form = document.querySelector("form[data-outbox]");
  var editingId = null;

  function text(name) {
    return panel.getAttribute("data-text-" + name) || name;
  }

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined && content !== null) { node.textContent = content; }
    return node;
  }

  function button(label, onClick, secondary) {
    var b = el("button", secondary ? "button-secondary button-small" : "button-small", label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  // --- Rendering ----------------------------------------------------------------------

  function stateLabel(item) {
    if (item.state === "sent") { return text("sent"); }
    if (item.state === "attention") { return text("attention"); }
    return text("waiting");
  }

  function renderItem(item) {
    var li = el("li", "outbox-item");
    li.setAttribute("data-state", item.state);
    li.setAttribute("data-outbox-id", item.id);
    var head = el("p");
    head.appendChild(el("strong", null, item.title || text("untitled")));
    var date = (item.fields || []).filter(function (pair) { return pair[0] === "date"; })[0];
    if (date && date[1]) { head.appendChild(document.createTextNode(" · " + date[1])); }
    li.appendChild(head);
    li.appendChild(el("p", "outbox-state", stateLabel(item)));
    if (item.message) { li.appendChild(el("p", null, item.message)); }
    if (item.errors && Object.keys(item.errors).length) {
      var errors = el("ul", "outbox-errors");
      Object.keys(item.errors).forEach(function (name) {
        var label = (item.labels && item.labels[name]) || "";
        item.errors[name].forEach(function (message) {
          errors.appendChild(el("li", null, label ? label + ": " + message : message));
        });
      });
      li.appendChild(errors);
    }
    if (item.state !== "sent" && (item.photos || []).length) {
      var count = (item.photos || []).length;
      var kb = (item.photos || []).reduce(function (sum, p) { return sum + ((p.blob && p.blob.size) || 0); }, 0);
      li.appendChild(el("p", "small", text("photos") + ": " + count +
        (count ? " (" + Math.round(kb / 1024) + " KB)" : "")));
    }
    var actions = el("div", "actions");
    if (item.state === "sent" && item.resultUrl) {
      var link = el("a", null, text("open"));
      link.href = item.resultUrl;
      actions.appendChild(link);
    }
    if (item.state === "attention") {
      actions.appendChild(button(text("edit"), function () { edit(item.id); }));
    }
    if (item.state === "waiting" || (item.state === "attention" && item.retry)) {
      actions.appendChild(button(text("send"), function () { sendNow(); }, true));
    }
    if (item.state !== "sent") {
      actions.appendChild(button(text("delete"), function () {
        if (window.confirm(text("confirm-delete"))) { store.remove(item.id).then(render); }
      }, true));
    }
    li.appendChild(actions);
    return li;
  }

  function render() {
    return store.all(user).then(function (items) {
      list.textContent = "";
      items.forEach(function (item) { list.appendChild(renderItem(item)); });
      panel.hidden = items.length === 0;
      var status = panel.querySelector(".connection-status");
      if (status) { status.textContent = navigator.onLine ? text("online") : text("offline"); }
      return items;
    }).catch(function () { return []; });
  }

  // --- Sending ------------------------------------------------------------------------

  function askForSync() {
    if (!("serviceWorker" in navigator)) { return; }
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) { return registration.sync.register("staff-outbox"); }
    }).catch(function () {});
  }

  function sendNow(foregroundId) {
    if (!navigator.onLine) { return render(); }
    return api.sendAll({
      manifestUrl: manifestUrl,
      foreground: foregroundId,
      user: user,
      signedOutMessage: text("signed-out")
    }).then(render);
  }

  // --- The form -----------------------------------------------------------------------

  var SKIP = ["csrfmiddlewaretoken", "_draft_nonce", "save", "submit", "photos", "remove_photo"];

  function collect() {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (SKIP.indexOf(name) !== -1 || typeof value !== "string") { return; }
      fields.push([name, value]);
    });
    return fields;
  }

  function titleOf(fields) {
    var title = fields.filter(function (pair) { return /^title_/.test(pair[0]) && pair[1].trim(); })[0];
    // A meeting or a plan-action update has no title field: the form names it.
    return title ? title[1].trim() : (form.getAttribute("data-outbox-title") || "");
  }

  function notice(message, kind) {
    var box = form.querySelector(".outbox-notice");
    if (!box) {
      box = el("div", "message outbox-notice");
      box.setAttribute("role", "status");
      form.insertBefore(box, form.firstChild);
    }
    box.className = "message outbox-notice" + (kind ? " message-" + kind : "");
    box.textContent = message;
    return box;
  }

  function setBusy(busy) {
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) {
      b.disabled = busy;
    });
  }

  function fill(fields) {
    var values = {};
    fields.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    function apply(root) {
      Array.prototype.forEach.call(root.querySelectorAll("input, select, textarea"), function (input) {
        if (!input.name || SKIP.indexOf(input.name) !== -1 || input.type === "file") { return; }
        var given = values[input.name] || [];
        if (input.type === "checkbox" || input.type === "radio") {
          input.checked = given.indexOf(input.value) !== -1;
        } else if (input.type !== "hidden" || input.hasAttribute("data-outbox-fill")) {
          input.value = given.length ? given[0] : "";
        }
      });
    }
    apply(form);
    form.dispatchEvent(new CustomEvent("outbox:filled", { bubbles: true }));
    var project = form.querySelector("select[name=project]");
    if (project) {
      form.addEventListener("htmx:afterSwap", function again(event) {
        apply(event.target);
        form.removeEventListener("htmx:afterSwap", again);
      });
      project.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function edit(id) {
    store.get(id).then(function (item) {
      if (!item) { return; }
      if (!form || form.getAttribute("data-outbox") !== item.url) {
        // Corrected in the form it came from (an activity, a meeting, a plan-action update).
        window.location.assign(item.formUrl + "#outbox-edit=" + encodeURIComponent(id));
        return;
      }
      editingId = item.id;
      fill(item.fields);
      var count = (item.photos || []).length;
      notice(text("editing") + (count ? " " + text("photos-kept").replace("%s", count) : ""), "warning");
      form.scrollIntoView();
    });
  }

  function onSubmit(event) {
    event.preventDefault();
    var submitter = event.submitter;
    var submit = !!(submitter && submitter.name === "submit");
    var fields = collect();
    var input = form.querySelector("input[type=file][name=photos]");
    var files = input && input.files ? Array.prototype.slice.call(input.files) : [];
    setBusy(true);
    if (files.length) { notice(text("preparing")); }
    Promise.all(files.map(api.shrinkPhoto)).then(function (photos) {
      return (editingId ? store.get(editingId) : Promise.resolve(null)).then(function (existing) {
        var item = existing || {
          id: store.uuid(),
          key: store.uuid(),
          user: user,
          kind: form.getAttribute("data-outbox-kind") || "activity",
          url: form.getAttribute("data-outbox"),
          formUrl: window.location.pathname,
          createdAt: Date.now(),
          attempts: 0
        };
        item.fields = fields;
        item.photos = (existing && existing.photos ? existing.photos : []).concat(photos);
        item.title = titleOf(fields);
        item.submit = submit;
        item.state = "waiting";
        item.retry = true;
        item.message = "";
        item.errors = null;
        return store.put(item);
      });
    }).then(function (item) {
      // The outbox holds the text now; the draft would only offer it a second time.
      if (window.staffDrafts) { window.staffDrafts.discard(form.getAttribute("data-draft-key")); }
      editingId = null;
      if (window.location.hash.indexOf("#outbox-edit=") === 0) {
        history.replaceState(null, "", window.location.pathname + window.location.search);
      }
      form.reset();
      delete form.dataset.draftDirty;
      var restored = form.querySelector(".draft-notice");
      if (restored) { restored.remove(); }
      notice(navigator.onLine ? text("sending") : text("queued"), "success");
      return render().then(function () {
        if (!navigator.onLine) { askForSync(); return null; }
        return sendNow(item.id).then(function () { return store.get(item.id); });
      });
    }).then(function (item) {
      setBusy(false);
      if (!item) { return; }
      if (item.state === "sent" && item.resultUrl) {
        window.location.assign(item.resultUrl);
      } else if (item.state === "attention" && item.retry && loginUrl) {
        // Signed out: log in and come back; the outbox sends it then.
        window.location.assign(loginUrl + "?next=" + encodeURIComponent(window.location.pathname));
      } else if (item.state === "attention") {
        notice(text("refused"), "error");
        panel.scrollIntoView();
      } else {
        notice(text("queued"), "success");
        askForSync();
      }
    }).catch(function () {
      setBusy(false);
      // IndexedDB unavailable (private mode, full disk): the ordinary form post still works.
      form.removeEventListener("submit", onSubmit);
      if (submitter && submitter.name) {
        var marker = el("input");
        marker.type = "hidden";
        marker.name = submitter.name;
        marker.value = submitter.value || "1";
        form.appendChild(marker);
      }
      form.submit();
    });
  }

  function init() {
    if (form) {
      form.addEventListener("submit", onSubmit);
      var match = /^#outbox-edit=(.+)$/.exec(window.location.hash);
      if (match) { edit(decodeURIComponent(match[1])); }
    }
    window.addEventListener("online", function () { sendNow(); });
    window.addEventListener("offline", render);
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.addEventListener("message", function (event) {
        if (event.data && event.data.type === "outbox-changed") { render(); }
      });
    }
    store.prune().catch(function () {}).then(render).then(function (items) {
      if (items.some(function (item) { return item.state !== "sent"; })) { sendNow(); }
    });
    window.setInterval(function () {
      store.all(user).then(function (items) {
        if (items.some(function (item) { return item.state === "waiting"; })) { sendNow(); }
      }).catch(function () {});
    }, RETRY_MS);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
