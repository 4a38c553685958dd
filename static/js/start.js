/* Start forms: one press starts one interview. On submit every start button on the page is
 * disabled (and says so), and a second submit of any start form is ignored, so a double click
 * or an impatient second press sends one request. The server enforces the same rule (at most
 * one interview in progress); this spares the candidate a confusing second round trip. */
(function () {
  "use strict";

  var forms = document.querySelectorAll("form[data-start-form]");
  var sent = false;

  function disableAll() {
    forms.forEach(function (form) {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        if (button.disabled) return;  // already disabled by the page (an interview in progress)
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
        button.dataset.label = button.textContent;
        button.dataset.starting = "true";
        button.textContent = "Starting…";
      });
    });
  }

  forms.forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (sent) {
        event.preventDefault();
        return;
      }
      sent = true;
      // After this event: a button disabled now would still let the form submit, but its own
      // name/value would be left out; ours carry none, the hidden inputs carry the track.
      window.setTimeout(disableAll, 0);
    });
  });

  // Coming back with the browser's Back button restores the page from its cache: enable again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    sent = false;
    forms.forEach(function (form) {
      form.querySelectorAll("button[data-starting]").forEach(function (button) {
        button.disabled = false;
        button.removeAttribute("aria-disabled");
        button.textContent = button.dataset.label;
        button.removeAttribute("data-starting");
      });
    });
  });
})();
