// Draws the charts of a page from the data passed with json_script (id "chart-data").
// Each <canvas data-chart="key"> takes data[key] = {labels, series: [{label, data}]}.
//
// Every bar is labelled (the category axis never skips a label: long ones wrap, a horizontal chart
// grows a row per bar) and carries its figure, and each series has a texture as well as a colour,
// so a chart printed in black and white still reads.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || !window.Chart) {
    return;
  }
  var data = JSON.parse(source.textContent);
  // Colours far apart in lightness, so their greys differ too.
  var palette = ["#7a1515", "#6ea8fe", "#343a40", "#9ad3a8", "#bf8700", "#c5b3e6"];
  var ROW_HEIGHT = 26;
  var WRAP_AT = 8;
  Chart.defaults.font.family = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
  Chart.defaults.animation = false;

  // A fill for the series at index: its colour, with a texture of its own drawn over it.
  function texture(index) {
    var colour = palette[index % palette.length];
    var size = 8;
    var tile = document.createElement("canvas");
    tile.width = tile.height = size;
    var ctx = tile.getContext("2d");
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, size, size);
    ctx.strokeStyle = ctx.fillStyle = index % 2 ? "rgba(0, 0, 0, 0.75)" : "rgba(255, 255, 255, 0.85)";
    ctx.lineWidth = 1.5;
    switch (index % palette.length) {
      case 0: // solid
        break;
      case 1: // diagonal stripes
        ctx.beginPath();
        ctx.moveTo(0, size);
        ctx.lineTo(size, 0);
        ctx.moveTo(-2, 2);
        ctx.lineTo(2, -2);
        ctx.moveTo(size - 2, size + 2);
        ctx.lineTo(size + 2, size - 2);
        ctx.stroke();
        break;
      case 2: // dots
        ctx.beginPath();
        ctx.arc(size / 2, size / 2, 1.6, 0, 2 * Math.PI);
        ctx.fill();
        break;
      case 3: // cross-hatch
        ctx.beginPath();
        ctx.moveTo(0, size / 2);
        ctx.lineTo(size, size / 2);
        ctx.moveTo(size / 2, 0);
        ctx.lineTo(size / 2, size);
        ctx.stroke();
        break;
      case 4: // horizontal lines
        ctx.beginPath();
        ctx.moveTo(0, size / 4);
        ctx.lineTo(size, size / 4);
        ctx.moveTo(0, (3 * size) / 4);
        ctx.lineTo(size, (3 * size) / 4);
        ctx.stroke();
        break;
      default: // vertical lines
        ctx.beginPath();
        ctx.moveTo(size / 2, 0);
        ctx.lineTo(size / 2, size);
        ctx.stroke();
    }
    return ctx.createPattern(tile, "repeat");
  }

  // A long label as lines of at most WRAP_AT characters (Chart.js draws an array as lines).
  function wrap(label) {
    var text = String(label);
    if (text.length <= WRAP_AT) {
      return text;
    }
    var lines = [];
    for (var i = 0; i < text.length; i += WRAP_AT) {
      lines.push(text.slice(i, i + WRAP_AT));
    }
    return lines;
  }

  // Each bar's figure, written on it (or beside it, where the bar is too small to hold it).
  var figures = {
    id: "figures",
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      var horizontal = chart.options.indexAxis === "y";
      var stacked = chart.options.scales.x.stacked;
      var visible = chart.data.datasets
        .map(function (_dataset, index) { return index; })
        .filter(function (index) { return chart.isDatasetVisible(index); });
      ctx.save();
      ctx.font = "12px " + Chart.defaults.font.family;
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      visible.forEach(function (datasetIndex, position) {
        var last = position === visible.length - 1;
        chart.getDatasetMeta(datasetIndex).data.forEach(function (bar, index) {
          var value = chart.data.datasets[datasetIndex].data[index];
          if (!value) {
            return;
          }
          var props = bar.getProps(["x", "y", "base", "width", "height"], true);
          var length = horizontal ? Math.abs(props.x - props.base) : Math.abs(props.base - props.y);
          var inside = length >= 18;
          var x = horizontal ? (props.x + props.base) / 2 : props.x;
          var y = horizontal ? props.y : (props.y + props.base) / 2;
          if (!inside) {
            if (stacked && !last) {
              return; // the total beside the stack says it
            }
            x = horizontal ? props.x + 12 : props.x;
            y = horizontal ? props.y : props.y - 8;
          }
          // White on a box of its own, so the figure reads on any colour and texture.
          var text = String(value);
          var width = ctx.measureText(text).width + 6;
          ctx.fillStyle = "rgba(255, 255, 255, 0.9)";
          ctx.fillRect(x - width / 2, y - 8, width, 16);
          ctx.fillStyle = "#000";
          ctx.fillText(text, x, y);
        });
      });
      ctx.restore();
    }
  };

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var chart = data[canvas.getAttribute("data-chart")];
    if (!chart) {
      return;
    }
    var stacked = canvas.getAttribute("data-stacked") === "1";
    var horizontal = canvas.getAttribute("data-horizontal") === "1";
    if (horizontal) {
      // A row for every bar: the box grows with the number of units rather than dropping labels.
      canvas.parentElement.style.height = Math.max(280, chart.labels.length * ROW_HEIGHT + 60) + "px";
    }
    // Never skip a category's label; below a vertical chart, labels turn when they do not fit side by side.
    var category = {stacked: stacked, ticks: {autoSkip: false, maxRotation: horizontal ? 0 : 90, minRotation: 0}};
    var value = {stacked: stacked, beginAtZero: true, ticks: {precision: 0}, grace: "8%"};
    new Chart(canvas, {
      type: canvas.getAttribute("data-kind") || "bar",
      data: {
        labels: chart.labels.map(wrap),
        datasets: chart.series.map(function (series, index) {
          return {
            label: series.label,
            data: series.data,
            backgroundColor: texture(index),
            borderColor: "#000",
            borderWidth: 1
          };
        })
      },
      options: {
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        plugins: {legend: {display: chart.series.length > 1}},
        scales: horizontal ? {x: value, y: category} : {x: category, y: value}
      },
      plugins: [figures]
    });
  });
})();
