// Draws the offline world basemap (world-atlas TopoJSON via topojson-client) under the server-drawn points.
(function () {
  "use strict";
  var svg = document.getElementById("map");
  if (!svg || !window.topojson) { return; }
  var W = Number(svg.dataset.width), H = Number(svg.dataset.height);
  function px(lon) { return ((lon + 180) / 360 * W).toFixed(1); }
  function py(lat) { return ((90 - lat) / 180 * H).toFixed(1); }
  function ringPath(ring, shift) {
    var d = "";
    for (var i = 0; i < ring.length; i++) {
      d += (i ? "L" : "M") + px(ring[i][0] + shift) + "," + py(ring[i][1]);
    }
    return d + "Z";
  }
  function unwrap(ring) {
    // make longitudes continuous where a ring crosses the antimeridian (Russia, Fiji)
    var out = [], off = 0;
    for (var i = 0; i < ring.length; i++) {
      if (i) {
        var jump = ring[i][0] - ring[i - 1][0];
        if (jump > 180) { off -= 360; } else if (jump < -180) { off += 360; }
      }
      out.push([ring[i][0] + off, ring[i][1]]);
    }
    return out;
  }
  function ringPaths(ring) {
    var r = unwrap(ring), d = ringPath(r, 0);
    var lo = Math.min.apply(null, r.map(function (p) { return p[0]; }));
    var hi = Math.max.apply(null, r.map(function (p) { return p[0]; }));
    if (lo < -180) { d += ringPath(r, 360); }  // the part off the left edge, drawn again on the right
    if (hi > 180) { d += ringPath(r, -360); }
    return d;
  }
  function geomPath(g) {
    if (!g) { return ""; }
    var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    return polys.map(function (p) { return p.map(ringPaths).join(""); }).join("");
  }
  fetch("/assets/countries-110m.json", {credentials: "same-origin"})
    .then(function (r) { if (!r.ok) { throw new Error("basemap " + r.status); } return r.json(); })
    .then(function (topo) {
      var layer = document.getElementById("countries");
      var features = window.topojson.feature(topo, topo.objects.countries).features;
      features.forEach(function (f) {
        if (f.id === "010") { return; }  // Antarctica: no events, and its ring wraps the whole map
        var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
        path.setAttribute("d", geomPath(f.geometry));
        path.setAttribute("class", "country");
        var title = document.createElementNS("http://www.w3.org/2000/svg", "title");
        title.textContent = (f.properties && f.properties.name) || "";
        path.appendChild(title);
        layer.appendChild(path);
      });
      svg.dataset.drawn = String(features.length);
    })
    .catch(function (err) { svg.dataset.drawn = "0"; console.warn(err); });
})();
