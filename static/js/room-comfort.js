/* Editor comfort in the room (issue #15): the editor's theme follows the site's, Vim or Emacs
 * key bindings and the font size are the user's choices (saved for them), and the Try console
 * runs on Ctrl+Enter. Everything comes from the ACE files django-ace ships (loaded on demand
 * from the basePath room.js sets).
 *
 * Keyboard: Esc leaves the editor (ACE's keyboard-accessibility mode). With Vim keys Esc belongs
 * to Vim (the Esc command is removed then), so Ctrl+Alt+E leaves the editor in every key binding.
 */
(function () {
  "use strict";

  var editor = window.onsiteEditor;
  var toolbar = document.getElementById("editor-toolbar");
  var csrfToken = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["x-csrftoken"];
  var themes = { light: "ace/theme/textmate", dark: "ace/theme/one_dark" };
  var keyboards = { default: null, vim: "ace/keyboard/vim", emacs: "ace/keyboard/emacs" };

  function savePreference(name, value, what) {
    if (!toolbar) return;
    var status = document.getElementById("preferences-status");
    if (status) status.textContent = "";
    var body = new URLSearchParams();
    body.set(name, value);
    fetch(toolbar.dataset.preferencesUrl, {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "X-CSRFToken": csrfToken, Accept: "application/json" },
    }).then(function (response) {
      if (status) status.textContent = response.ok ? what + " saved for your account." : "Could not save this choice.";
    }).catch(function () {
      if (status) status.textContent = "Could not save this choice.";
    });
  }

  function applyTheme(theme) {
    if (editor) editor.setTheme(themes[theme] || themes.light);
  }

  // ACE's keyboard-accessibility mode binds Esc to "leave the editor", ahead of any key binding:
  // with Vim keys Esc must reach Vim (insert → normal mode), so that command steps aside there.
  var leaveOnEsc = editor ? editor.commands.byName.blurTextInput : null;

  function applyKeys(keybinding) {
    if (!editor) return;
    if (leaveOnEsc) {
      if (keybinding === "vim") editor.commands.removeCommand(leaveOnEsc);
      else if (!editor.commands.byName.blurTextInput) editor.commands.addCommand(leaveOnEsc);
    }
    editor.setKeyboardHandler(keyboards[keybinding] || null);
    if (toolbar) toolbar.dataset.keybinding = keybinding;
  }

  function applyFontSize(size) {
    if (editor) editor.setFontSize(Number(size) + "px");
  }

  if (editor) {
    applyTheme(window.onsiteTheme ? window.onsiteTheme.effective() : "light");
    document.addEventListener("onsite:theme", function (event) { applyTheme(event.detail.theme); });
    if (toolbar) {
      applyKeys(toolbar.dataset.keybinding || "default");
      applyFontSize(toolbar.dataset.fontSize || 15);
    }
    editor.commands.addCommand({
      name: "leaveEditor",
      description: "Leave the editor (Tab then moves through the page)",
      bindKey: { win: "Ctrl-Alt-E", mac: "Ctrl-Alt-E" },
      exec: function (ace) { ace.blur(); ace.renderer.scroller.focus(); },
      readOnly: true,
    });
  } else if (toolbar) {
    toolbar.hidden = true; // no ACE: the plain textarea has nothing to configure
  }

  var keysSelect = document.getElementById("keybinding-select");
  if (keysSelect) {
    keysSelect.addEventListener("change", function () {
      applyKeys(keysSelect.value);
      savePreference("keybinding", keysSelect.value, "Keys");
    });
  }
  var sizeSelect = document.getElementById("font-size-select");
  if (sizeSelect) {
    sizeSelect.addEventListener("change", function () {
      applyFontSize(sizeSelect.value);
      savePreference("font_size", sizeSelect.value, "Font size");
    });
  }

  // --- The Try console: Ctrl+Enter (Cmd+Enter) in the snippet runs it -----------------------
  var snippet = document.getElementById("try-snippet");
  var tryButton = document.getElementById("try-button");
  if (snippet && tryButton) {
    snippet.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        if (!tryButton.disabled) tryButton.click();
      }
    });
  }
})();
