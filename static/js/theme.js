/* Light and dark themes (issue #15), loaded in <head> so the page never flashes the wrong one.
 *
 * The server renders the user's choice as <html data-theme-choice="system|light|dark"> (and
 * data-theme for an explicit choice). "system" follows prefers-color-scheme, live. The header's
 * toggle switches between light and dark and saves the choice for the user (every page, every
 * device); visitors who are not signed in keep it in this browser only. Pages listen to the
 * "onsite:theme" event (the room's editor switches its ACE theme).
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function choice() {
    var chosen = root.dataset.themeChoice || "system";
    if (chosen === "system" && root.dataset.signedIn !== "true") {
      try { chosen = window.localStorage.getItem("onsite-theme") || "system"; } catch (error) { /* private mode */ }
    }
    return chosen;
  }

  function effective() {
    var chosen = choice();
    if (chosen === "light" || chosen === "dark") return chosen;
    return media && media.matches ? "dark" : "light";
  }

  function apply() {
    var theme = effective();
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
    var toggle = document.getElementById("theme-toggle");
    if (toggle) toggle.setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
    document.dispatchEvent(new CustomEvent("onsite:theme", { detail: { theme: theme } }));
  }

  apply();
  if (media) {
    var onChange = function () { if (choice() === "system") apply(); };
    if (media.addEventListener) media.addEventListener("change", onChange); else media.addListener(onChange);
  }

  function save(theme) {
    var toggle = document.getElementById("theme-toggle");
    var url = toggle && toggle.dataset.preferencesUrl;
    if (!url) {
      try { window.localStorage.setItem("onsite-theme", theme); } catch (error) { /* private mode */ }
      return;
    }
    var csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["x-csrftoken"];
    fetch(url, {
      method: "POST", credentials: "same-origin", body: new URLSearchParams({ theme: theme }),
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    }).catch(function () { /* the choice still applies to this page */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.getElementById("theme-toggle");
    if (!toggle) return;
    apply();
    toggle.addEventListener("click", function () {
      var next = effective() === "dark" ? "light" : "dark";
      root.dataset.themeChoice = next;
      apply();
      save(next);
    });
  });

  window.onsiteTheme = { effective: effective };
})();
