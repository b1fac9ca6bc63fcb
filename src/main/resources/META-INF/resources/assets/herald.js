// Herald pages: the few behaviours plain HTML lacks. No framework, no build step.
(function () {
  "use strict";

  // Portal link landing: the token travels in the URL fragment (never sent to servers, never logged); post it once
  // to exchange it for the session cookie, and take it out of the address bar and the history right away.
  function enterPortal() {
    var form = document.getElementById("enter-form");
    if (!form) return;
    var match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
    history.replaceState(null, "", window.location.pathname);
    if (!match) {
      document.getElementById("enter-missing").hidden = false;
      document.getElementById("enter-wait").hidden = true;
      return;
    }
    form.elements.token.value = decodeURIComponent(match[1]);
    form.submit();
  }

  // Copy buttons: data-copy names the element whose text is copied.
  function copyButtons() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-copy]");
      if (!button) return;
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source || !navigator.clipboard) return;
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        var label = button.textContent;
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 1500);
      });
    });
  }

  // Snippet tabs: buttons with data-snippet show one <pre> of the group and hide the others.
  function snippetTabs() {
    document.addEventListener("click", function (event) {
      var tab = event.target.closest("[data-snippet]");
      if (!tab) return;
      document.querySelectorAll(".snippet").forEach(function (pre) {
        pre.hidden = pre.id !== tab.getAttribute("data-snippet");
      });
      document.querySelectorAll("[data-snippet]").forEach(function (b) {
        b.classList.toggle("primary", b === tab);
      });
    });
  }

  // Confirmations for destructive forms: <form data-confirm="Delete this endpoint?">.
  function confirmations() {
    document.addEventListener("submit", function (event) {
      var message = event.target.getAttribute("data-confirm");
      if (message && !window.confirm(message)) event.preventDefault();
    });
  }

  // Success-rate chart (ECharts, loaded only on pages that have a chart).
  function charts() {
    document.querySelectorAll("[data-chart]").forEach(function (box) {
      if (!window.echarts) return;
      var data = JSON.parse(box.getAttribute("data-chart"));
      var chart = window.echarts.init(box.querySelector(".chart"), null, { renderer: "svg" });
      function show(range) {
        var s = data[range];
        chart.setOption({
          animation: false,
          grid: { left: 40, right: 40, top: 30, bottom: 30 },
          tooltip: { trigger: "axis" },
          legend: { data: ["Succeeded", "Failed", "Success %"], top: 0 },
          xAxis: { type: "category", data: s.labels },
          yAxis: [{ type: "value", minInterval: 1 }, { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } }],
          series: [
            { name: "Succeeded", type: "bar", stack: "n", data: s.ok, itemStyle: { color: "#3ba55d" } },
            { name: "Failed", type: "bar", stack: "n", data: s.failed, itemStyle: { color: "#d9534f" } },
            { name: "Success %", type: "line", yAxisIndex: 1, data: s.rate, connectNulls: true, itemStyle: { color: "#3554d1" } }
          ]
        }, true);
        box.querySelectorAll("[data-range]").forEach(function (b) {
          b.classList.toggle("primary", b.getAttribute("data-range") === range);
        });
      }
      box.addEventListener("click", function (event) {
        var b = event.target.closest("[data-range]");
        if (b) show(b.getAttribute("data-range"));
      });
      window.addEventListener("resize", function () { chart.resize(); });
      show("day");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    enterPortal();
    copyButtons();
    snippetTabs();
    confirmations();
    charts();
  });
})();
