// Behaviour shared by every page. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  // Forms that do something irreversible carry data-confirm="question".
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var question = (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  // Text boxes with a maximum length show how much of it is used.
  document.querySelectorAll("textarea[maxlength]").forEach(function (area) {
    var limit = parseInt(area.getAttribute("maxlength"), 10);
    var count = document.createElement("div");
    count.className = "form-text text-end char-count";
    function update() {
      count.textContent = area.value.length + " / " + limit;
      count.classList.toggle("text-danger", area.value.length >= limit);
    }
    area.addEventListener("input", update);
    update();
    area.insertAdjacentElement("afterend", count);
  });
  // Links and buttons that print the page.
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-print]");
    if (trigger) {
      event.preventDefault();
      window.print();
    }
  });
})();
