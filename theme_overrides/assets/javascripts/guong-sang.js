/* Gương sáng: reader tools that need a script, all optional (pages work without it).
   - Font size A− / A / A+, remembered across pages in localStorage.
   - "Copy link" share link copies instead of navigating; "In bài" prints.
   - Abbreviations (<abbr title>) become focusable, so keyboard users see their meaning too.
   - "Mới nhất" on record pages is filled from one file of the newest stories (generator/views.py
     LATEST_FILE), leaving out the page itself and the stories already listed on it.
   Self-hosted, loaded deferred; partials/gs-head.html applies the stored size inline before the
   page is drawn (keep its key and range in step with KEY, MIN and MAX here). */
(function () {
  "use strict";
  var KEY = "gs-font-size";
  var MIN = -1, MAX = 2;
  var root = document.documentElement;

  function stored() {
    try {
      var value = parseInt(window.localStorage.getItem(KEY), 10);
      return isNaN(value) ? 0 : Math.max(MIN, Math.min(MAX, value));
    } catch (error) {
      return 0; // storage blocked (private mode, strict settings): default size
    }
  }

  function apply(step) {
    if (step === 0) root.removeAttribute("data-gs-font-size");
    else root.setAttribute("data-gs-font-size", String(step));
  }

  function save(step) {
    try { window.localStorage.setItem(KEY, String(step)); } catch (error) { /* not remembered */ }
  }

  apply(stored());

  // One address per page, however it was reached (…/x/, …/x/index.html, #anchor).
  function pageKey(href) {
    var url = new URL(href, document.baseURI);
    return url.origin + url.pathname.replace(/index\.html$/, "");
  }

  function fillLatest(section) {
    var source = new URL(section.getAttribute("data-gs-latest"), document.baseURI);
    var listed = {};
    listed[pageKey(location.href)] = true;
    document.querySelectorAll(".gs-teaser__title a").forEach(function (link) { listed[pageKey(link.href)] = true; });
    fetch(source).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (data) {
      // Its addresses are written for a record page, as this one (generator/views.py: LATEST_READER).
      var items = data.items.filter(function (item) { return !listed[pageKey(item.url)]; });
      if (!items.length) {
        section.hidden = true; // every newest story is on the page already: a heading over nothing
        return;
      }
      var template = document.createElement("template");
      template.innerHTML = '<ul class="gs-list">' + items.slice(0, data.shown).map(function (item) { return item.html; }).join("") + "</ul>";
      var list = template.content.firstElementChild;
      section.insertBefore(list, section.querySelector(".gs-more"));
    }).catch(function () { /* the link to all news stays */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var tools = document.querySelector("[data-gs-font-tools]");
    if (tools) {
      tools.hidden = false;
      tools.addEventListener("click", function (event) {
        var button = event.target.closest("[data-gs-font]");
        if (!button) return;
        var change = parseInt(button.getAttribute("data-gs-font"), 10);
        var step = change === 0 ? 0 : Math.max(MIN, Math.min(MAX, stored() + change));
        apply(step);
        save(step);
      });
    }

    document.querySelectorAll("[data-gs-copy]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (!navigator.clipboard) return; // follow the link; the reader copies it from the address bar
        event.preventDefault();
        navigator.clipboard.writeText(link.href).then(function () {
          link.textContent = "Đã sao chép liên kết";
        });
      });
    });

    document.querySelectorAll("[data-gs-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });

    document.querySelectorAll("[data-gs-latest]").forEach(fillLatest);

    document.querySelectorAll("abbr[title]").forEach(function (abbr) {
      if (!abbr.hasAttribute("tabindex")) abbr.tabIndex = 0;
    });
  });
})();
