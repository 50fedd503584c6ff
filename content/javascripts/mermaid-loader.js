/*
 * Offline Mermaid for Material for MkDocs.
 *
 * Material renders ```mermaid blocks with the global `mermaid` and, when it is
 * missing, downloads it from a CDN. This stand-in is defined on every page
 * (it is tiny) and loads the copy shipped with the site
 * (javascripts/vendor/mermaid.min.js, 3.5 MB) only when a page has a diagram.
 */
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined") return;
  var script = document.currentScript;
  var source = new URL("vendor/mermaid.min.js", script ? script.src : location.href).href;
  var settings = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = source;
        tag.onload = function () {
          var real = window.mermaid;
          if (settings) real.initialize(settings);
          resolve(real);
        };
        tag.onerror = function () {
          reject(new Error("cannot load " + source));
        };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  window.mermaid = {
    initialize: function (config) {
      settings = config;
    },
    render: function () {
      var args = arguments;
      return load().then(function (real) {
        return real.render.apply(real, args);
      });
    },
    run: function () {
      var args = arguments;
      return load().then(function (real) {
        return real.run.apply(real, args);
      });
    }
  };
})();
