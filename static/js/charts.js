// Draws the charts of a page from the data passed with json_script (id "chart-data").
// Each <canvas data-chart="key"> takes data[key] = {labels, series: [{label, data}]}.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || !window.Chart) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var palette = ["#9f1c1c", "#1f6feb", "#6c757d", "#2da44e", "#bf8700", "#8250df"];
  Chart.defaults.font.family = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
  Chart.defaults.animation = false;
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var chart = data[canvas.getAttribute("data-chart")];
    if (!chart) {
      return;
    }
    var stacked = canvas.getAttribute("data-stacked") === "1";
    var horizontal = canvas.getAttribute("data-horizontal") === "1";
    new Chart(canvas, {
      type: canvas.getAttribute("data-kind") || "bar",
      data: {
        labels: chart.labels,
        datasets: chart.series.map(function (series, index) {
          return {label: series.label, data: series.data, backgroundColor: palette[index % palette.length]};
        })
      },
      options: {
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        plugins: {legend: {display: chart.series.length > 1}},
        scales: {
          x: {stacked: stacked, ticks: {precision: 0}},
          y: {stacked: stacked, ticks: {precision: 0}}
        }
      }
    });
  });
})();
