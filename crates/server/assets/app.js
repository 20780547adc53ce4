// newsgraph UI: layer toggles on the article page. The page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var text = document.getElementById("text");
  if (!text) return;
  var boxes = document.querySelectorAll("#legend input[data-layer]");
  Array.prototype.forEach.call(boxes, function (cb) {
    cb.addEventListener("change", function () {
      text.classList.toggle("hide-" + cb.getAttribute("data-layer"), !cb.checked);
    });
  });
});
