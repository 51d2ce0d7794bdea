/* Phone-first navigation: on a narrow screen the site and staff menus fold behind one
 * "Menu" button, so a form's heading is on the first screen. Without JavaScript the menus
 * simply stay open. */
(function () {
  "use strict";
  var root = document.documentElement;
  var button = document.querySelector(".nav-toggle");
  if (!button) { return; }
  root.classList.add("nav-js");
  button.hidden = false;

  function set(open) {
    root.classList.toggle("nav-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  set(false);
  button.addEventListener("click", function () {
    set(!root.classList.contains("nav-open"));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && root.classList.contains("nav-open")) {
      set(false);
      button.focus();
    }
  });
})();
