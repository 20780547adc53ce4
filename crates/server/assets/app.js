// newsgraph UI: layer toggles on the article page; the write token of the registry
// forms remembered for this tab. The pages work without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var text = document.getElementById("text");
  if (text) {
    var boxes = document.querySelectorAll("#legend input[data-layer]");
    Array.prototype.forEach.call(boxes, function (cb) {
      cb.addEventListener("change", function () {
        text.classList.toggle("hide-" + cb.getAttribute("data-layer"), !cb.checked);
      });
    });
  }
  // Correction forms carry the write token (that is what makes them CSRF-safe); typing
  // it once per tab is enough. sessionStorage ends with the tab and is never sent.
  var KEY = "newsgraph-write-token";
  var forms = document.querySelectorAll("form.fix");
  Array.prototype.forEach.call(forms, function (f) {
    var field = f.querySelector("input[name=token]");
    if (!field) return;
    try {
      var saved = window.sessionStorage.getItem(KEY);
      if (saved && !field.value) field.value = saved;
    } catch (e) {}
    f.addEventListener("submit", function () {
      try {
        if (field.value) window.sessionStorage.setItem(KEY, field.value);
      } catch (e) {}
    });
  });
});
