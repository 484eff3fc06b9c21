// bgcheck progressive enhancement. Every page works without this file;
// it only adds what htmx and a few forms need.
(function () {
  "use strict";

  // State-changing htmx requests carry the page's CSRF token as a header.
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) {
      event.detail.headers["X-CSRF-Token"] = token;
    }
  });

  // Forms with data-confirm ask before submitting (disabling a user,
  // resetting a second factor). Without JavaScript they submit directly.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  // Selects marked data-autosubmit submit their form on change; a visible
  // button remains for keyboard and no-script use.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) {
      if (el.form.requestSubmit) {
        el.form.requestSubmit();
      } else {
        el.form.submit();
      }
    }
  });
})();
