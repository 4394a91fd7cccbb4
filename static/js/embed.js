/* Inside a widget (/integrer/...): tell the partner's page how tall the content is, so that the
   optional resize script (/integrer/redimensionner.js) can fit the frame. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (!height || height === last) return;
    last = height;
    window.parent.postMessage({ type: "ess-marseille:hauteur", height: height }, "*");
  }
  window.addEventListener("load", send);
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
})();
