/* The interview room: ACE editor, autosave, the server's countdown, and locking at the deadline.
 *
 * The deadline belongs to the server: the page renders the seconds left when it was served and
 * this script only counts them down (a reload renders them again, so the clock survives it).
 * Autosave is htmx on the answer textarea (debounced); this script also saves at once before
 * navigating away, finishing, or when time runs out.
 *
 * Keyboard: in the editor Tab indents (4 spaces). Esc leaves the editor (focus goes to its
 * frame), after which Tab / Shift+Tab move through the page; Enter on the frame goes back in.
 */
(function () {
  "use strict";

  var room = document.getElementById("room");
  if (!room) return;

  var readOnly = room.dataset.readonly === "true";
  var answer = document.getElementById("answer");
  var csrfToken = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["x-csrftoken"];
  var editor = null;
  var dirty = false;
  var locked = false;
  var visibleSince = Date.now();
  var carriedMs = 0;

  // --- Time spent on this question (reported with each save, capped by the server) ---------
  function takeSecondsSpent() {
    var now = Date.now();
    var ms = carriedMs + (document.visibilityState === "visible" ? now - visibleSince : 0);
    carriedMs = 0;
    visibleSince = now;
    return Math.round(ms / 1000);
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      carriedMs += Date.now() - visibleSince;
    }
    visibleSince = Date.now();
  });

  function currentCode() {
    return editor ? editor.getValue() : (answer ? answer.value : "");
  }

  // --- The ACE editor (progressive enhancement of the code textarea) -----------------------
  var editorElement = document.getElementById("editor");
  if (editorElement && answer && window.ace) {
    window.ace.config.set("basePath", editorElement.dataset.aceBase);
    editorElement.hidden = false;
    answer.hidden = true;
    editor = window.ace.edit(editorElement, {
      mode: "ace/mode/python",
      tabSize: 4,
      useSoftTabs: true,
      navigateWithinSoftTabs: true,
      showPrintMargin: false,
      fontSize: "15px",
      minLines: 16,
      maxLines: 60,
      readOnly: readOnly,
      enableKeyboardAccessibility: true,
      value: answer.value,
    });
    editor.clearSelection();
    editor.moveCursorTo(0, 0);
    editor.renderer.setScrollMargin(6, 6);
    // The textarea ACE types into, and the frame focus goes to on Esc, carry the label.
    editor.textInput.getElement().setAttribute("aria-label", "Code editor (Python)");
    editor.renderer.scroller.setAttribute("aria-label", "Code editor (Python): press Enter to edit");
    editor.renderer.scroller.setAttribute("aria-describedby", "editor-help");
    document.getElementById("answer-label").addEventListener("click", function () { editor.focus(); });
    editor.session.on("change", function () {
      if (locked) return;
      answer.value = editor.getValue();
      dirty = true;
      window.htmx.trigger(answer, "editor-change");
    });
    window.onsiteEditor = editor; // for the browser tests and the console
  }

  if (answer && !readOnly) {
    answer.addEventListener("input", function () { dirty = true; });
  }

  // --- htmx requests from this page --------------------------------------------------------
  document.body.addEventListener("htmx:configRequest", function (event) {
    var source = event.detail.elt;
    if (source === answer) {
      event.detail.parameters.seconds_spent = takeSecondsSpent();
    } else if (source && source.hasAttribute("data-sends-code")) {
      event.detail.parameters.code = currentCode();
    }
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var source = event.detail.elt;
    if ((source === answer || (source && source.hasAttribute("data-sends-code"))) && event.detail.successful) {
      dirty = false; // Run and Submit save the draft too
      markCurrentQuestion(source.id === "submit-button" || (source === answer && answer.value.trim() !== ""));
    }
  });

  function markCurrentQuestion(answered) {
    var marker = document.querySelector(".question-nav a.current .marker");
    if (!marker || marker.classList.contains("marker-answered")) return;
    marker.className = answered ? "marker marker-answered" : "marker marker-saved";
    marker.textContent = answered ? "✓ answered" : "saved";
  }

  // --- Saving at once: before leaving, finishing, or when time is up -----------------------
  function saveNow(options) {
    if (readOnly || !answer) return Promise.resolve(null);
    var body = new URLSearchParams();
    body.set("draft", currentCode());
    body.set("seconds_spent", String(takeSecondsSpent()));
    return fetch(room.dataset.draftUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: Boolean(options && options.keepalive),
      headers: { "X-CSRFToken": csrfToken, "HX-Request": "true" },
    }).then(function (response) {
      return response.text().then(function (html) {
        var status = document.getElementById("save-status");
        if (status && html) status.outerHTML = html;
        if (response.ok) dirty = false;
        return response;
      });
    }).catch(function () { return null; });
  }

  document.querySelectorAll("a[data-save-before]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (readOnly || locked || event.ctrlKey || event.metaKey || event.shiftKey) return;
      // Save the draft (if changed) and the time spent on this question before leaving it.
      event.preventDefault();
      saveNow().then(function () { window.location.assign(link.href); });
    });
  });
  window.addEventListener("pagehide", function () {
    if (!locked && (dirty || Date.now() - visibleSince + carriedMs >= 2000)) saveNow({ keepalive: true });
  });

  // --- Finish, with a confirmation ----------------------------------------------------------
  var finishForm = document.getElementById("finish-form");
  if (finishForm) {
    finishForm.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!window.confirm(finishForm.dataset.confirm)) return;
      lockControls();
      saveNow().then(function () { finishForm.submit(); });
    });
  }

  // --- Countdown of the server's deadline; lock when it reaches zero -----------------------
  var clock = document.getElementById("countdown");
  var announcer = document.getElementById("countdown-announcer");
  var endsAt = Date.now() + 1000 * Number(clock.dataset.remainingSeconds || 0);
  var announced = {};

  function format(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function lockControls() {
    locked = true;
    room.classList.add("room-locked");
    if (editor) editor.setReadOnly(true);
    if (answer) answer.readOnly = true;
    room.querySelectorAll("button").forEach(function (button) {
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
    });
  }

  function timeIsUp() {
    if (locked) return;
    lockControls();
    document.getElementById("lock-banner").hidden = false;
    if (readOnly) return;
    // Save what is on the page (the server still accepts it within its grace period), then
    // finish and show the report. The server's periodic expiry finishes it even if this fails.
    saveNow().then(function () {
      return fetch(room.dataset.finishUrl, {
        method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrfToken },
        body: new URLSearchParams({ reason: "deadline" }),
      }).catch(function () { return null; });
    }).then(function () {
      window.location.assign(room.dataset.reportUrl);
    });
  }

  function tick() {
    var seconds = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
    clock.textContent = format(seconds);
    clock.classList.toggle("countdown-low", seconds <= 300);
    [300, 60].forEach(function (mark) {
      if (seconds <= mark && seconds > 0 && !announced[mark] && endsAt - Date.now() < (mark + 2) * 1000) {
        announced[mark] = true;
        announcer.textContent = (mark / 60) + " minute" + (mark === 60 ? "" : "s") + " left";
      }
    });
    if (seconds <= 0) {
      timeIsUp();
      return;
    }
    window.setTimeout(tick, (((endsAt - Date.now()) % 1000) || 1000) + 5);
  }
  tick();

  // htmx wires the page up on DOMContentLoaded, after this deferred script: whatever was typed
  // before that is saved now, and the page says it is ready (the browser tests wait for it).
  function ready() {
    if (dirty && !locked) saveNow();
    room.dataset.ready = "true";
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
