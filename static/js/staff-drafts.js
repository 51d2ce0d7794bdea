/* Staff workspace: keep what a field officer types in this browser until the server has it.
 *
 * Forms marked data-draft-key are saved to localStorage on every change and restored when
 * the page loads again: after a reload, a lost connection, or a session that expired while
 * typing (login sends the user back to the form). A draft is only dropped on an explicit
 * confirmation from the server: on submit the form carries a random nonce, and the server
 * (core.middleware.DraftSavedMiddleware) hands that nonce back in a cookie only when it
 * accepted the form. Any other page (Back, the menu, the browser's offline page, the login
 * page) proves nothing, so the draft stays.
 * Files, passwords and hidden fields are never stored.
 */
(function () {
  "use strict";

  var PREFIX = "staff-draft:";
  var PENDING = "staff-draft-pending";
  var SAVED_COOKIE = "staff_draft_saved";
  var NONCE_FIELD = "_draft_nonce";
  var MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

  function storage(kind) {
    try {
      var s = window[kind];
      var probe = "__probe__";
      s.setItem(probe, probe);
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  }
  var local = storage("localStorage");
  if (!local) { return; }

  function skip(el) {
    if (!el.name || el.disabled) { return true; }
    var type = (el.type || "").toLowerCase();
    return ["file", "password", "hidden", "submit", "button", "reset", "image"].indexOf(type) !== -1 ||
      el.name === "csrfmiddlewaretoken";
  }

  function collect(form) {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (skip(el)) { return; }
      var type = (el.type || "").toLowerCase();
      if (type === "checkbox") {
        if (!(el.name in fields)) { fields[el.name] = []; }
        if (el.checked) { fields[el.name].push(el.value); }
      } else if (type === "radio") {
        if (el.checked) { fields[el.name] = el.value; }
      } else if (el.multiple && el.options) {
        fields[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        fields[el.name] = el.value;
      }
    });
    return fields;
  }

  function read(key) {
    try {
      var draft = JSON.parse(local.getItem(PREFIX + key) || "null");
      if (!draft || !draft.fields) { return null; }
      if (Date.now() - (draft.savedAt || 0) > MAX_AGE_MS) {
        local.removeItem(PREFIX + key);
        return null;
      }
      return draft;
    } catch (e) {
      return null;
    }
  }

  function apply(form, fields, root) {
    var changedTriggers = [];
    Array.prototype.forEach.call((root || form).querySelectorAll("input, select, textarea"), function (el) {
      if (skip(el) || !(el.name in fields)) { return; }
      var saved = fields[el.name];
      var type = (el.type || "").toLowerCase();
      if (type === "checkbox") {
        el.checked = Array.isArray(saved) && saved.indexOf(el.value) !== -1;
      } else if (type === "radio") {
        el.checked = saved === el.value;
      } else if (el.multiple && el.options) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = saved.indexOf(o.value) !== -1; });
      } else if (typeof saved === "string") {
        if (el.value !== saved) { el.value = saved; }
        // The browser may have put the value back itself on reload, so the fields that
        // depend on it (the project's communities) are always fetched again.
        if (el.hasAttribute("hx-get") && el.value) { changedTriggers.push(el); }
      }
    });
    return changedTriggers;
  }

  function save(form) {
    if (!form.dataset.draftDirty) { return; }
    var key = form.getAttribute("data-draft-key");
    // Merge, so a field that is briefly missing (communities while htmx swaps them for the
    // chosen project) keeps its saved value.
    var previous = read(key);
    var fields = previous ? previous.fields : {};
    var current = collect(form);
    Object.keys(current).forEach(function (name) { fields[name] = current[name]; });
    local.setItem(PREFIX + key, JSON.stringify({ savedAt: Date.now(), fields: fields }));
  }

  function text(name, fallback) {
    var holder = document.getElementById("staff-draft-strings");
    return (holder && holder.getAttribute("data-" + name)) || fallback;
  }

  function notice(form, key, draft) {
    var box = document.createElement("div");
    box.className = "message draft-notice";
    box.setAttribute("role", "status");
    var para = document.createElement("p");
    var when = new Date(draft.savedAt);
    para.textContent = text("restored", "Unsaved text restored from this device") +
      " (" + when.toLocaleString() + ").";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button-secondary button-small";
    discard.textContent = text("discard", "Discard it");
    discard.addEventListener("click", function () {
      local.removeItem(PREFIX + key);
      window.location.reload();
    });
    box.appendChild(para);
    box.appendChild(discard);
    form.insertBefore(box, form.firstChild);
  }

  function randomNonce() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return String(Date.now()) + "-" + String(Math.random()).slice(2);
  }

  function readCookie(name) {
    var found = null;
    document.cookie.split(";").forEach(function (part) {
      var pair = part.trim().split("=");
      if (pair[0] === name) { found = decodeURIComponent(pair.slice(1).join("=")); }
    });
    return found;
  }

  function pendingList() {
    try {
      var list = JSON.parse(local.getItem(PENDING) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  // Every submit gets its own nonce, kept (with the draft's key) until the server confirms.
  function markPending(form, key) {
    var nonce = randomNonce();
    var field = form.querySelector('input[name="' + NONCE_FIELD + '"]');
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = NONCE_FIELD;
      form.appendChild(field);
    }
    field.value = nonce;
    var list = pendingList().filter(function (item) {
      return Date.now() - (item.at || 0) < MAX_AGE_MS;
    });
    list.push({ key: key, nonce: nonce, at: Date.now() });
    local.setItem(PENDING, JSON.stringify(list.slice(-20)));
  }

  // The server's confirmation: the nonce of the accepted form, in a cookie on this page.
  function confirmSaved() {
    var confirmed = readCookie(SAVED_COOKIE);
    if (!confirmed) { return; }
    var keep = [];
    pendingList().forEach(function (item) {
      if (item.nonce === confirmed) {
        local.removeItem(PREFIX + item.key);
      } else {
        keep.push(item);
      }
    });
    local.setItem(PENDING, JSON.stringify(keep));
    document.cookie = SAVED_COOKIE + "=; Max-Age=0; path=/; SameSite=Lax";
  }

  window.staffDrafts = {
    // The outbox takes over a draft once it holds the same text.
    discard: function (key) { local.removeItem(PREFIX + key); },
    flush: function (form) { save(form); }
  };

  function init() {
    var forms = document.querySelectorAll("form[data-draft-key]");
    confirmSaved();

    Array.prototype.forEach.call(forms, function (form) {
      var key = form.getAttribute("data-draft-key");
      var draft = read(key);
      if (draft) {
        form.dataset.draftDirty = "1";
        var triggers = apply(form, draft.fields);
        notice(form, key, draft);
        window.setTimeout(function () {
          triggers.forEach(function (el) { el.dispatchEvent(new Event("change", { bubbles: true })); });
        }, 0);
      }
      // Fields swapped in by htmx (the project's communities) get their saved ticks back.
      form.addEventListener("htmx:afterSwap", function (event) {
        var again = read(key);
        if (again) { apply(form, again.fields, event.target); }
        save(form);
      });
      var timer = null;
      function later() {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { save(form); }, 250);
      }
      form.addEventListener("input", function () {
        form.dataset.draftDirty = "1";
        later();
      });
      form.addEventListener("change", function () {
        form.dataset.draftDirty = "1";
        save(form);
      });
      form.addEventListener("submit", function () {
        form.dataset.draftDirty = "1";
        save(form);
        markPending(form, key);
      });
    });

    // A shared office phone must not show the last user's unsent text to the next one.
    Array.prototype.forEach.call(document.querySelectorAll("form[data-staff-logout]"), function (form) {
      form.addEventListener("submit", function () {
        for (var i = local.length - 1; i >= 0; i--) {
          var name = local.key(i);
          if (name && name.indexOf(PREFIX) === 0) { local.removeItem(name); }
        }
        local.removeItem(PENDING);
      });
    });

    // Save immediately before the page goes away (reload, back, tab closed).
    window.addEventListener("pagehide", function () {
      Array.prototype.forEach.call(forms, save);
    });
  }

  // Deferred scripts run before DOMContentLoaded; htmx wires up its attributes on that
  // event, so restoring waits for it or a restored project would not fetch communities.
  if (document.readyState === "complete") {
    init();
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
