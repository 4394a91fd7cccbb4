/* The widget builder (/annuaire/integrer/): "Copier le code" puts a snippet on the clipboard and
   says so in a live region. Without JavaScript, the code stays selectable in its text box. */
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      function done(message) { if (status) status.textContent = message; }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.value).then(
          function () { done("Code copié dans le presse-papiers."); },
          function () { source.select(); done("Copie impossible\u00a0: le code est sélectionné, copiez-le avec Ctrl+C."); }
        );
      } else {
        source.select();
        done(document.execCommand && document.execCommand("copy") ? "Code copié dans le presse-papiers." : "Le code est sélectionné\u00a0: copiez-le avec Ctrl+C.");
      }
    });
  });
})();
