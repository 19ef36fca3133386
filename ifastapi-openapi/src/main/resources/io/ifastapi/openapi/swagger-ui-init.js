// Starts Swagger UI on /docs as FastAPI's page does, from a served file rather than an inline script so that a
// strict Content-Security-Policy (script-src 'self') allows it. The page passes its settings as data attributes.
(function () {
  var element = document.getElementById('swagger-ui');
  var settings = JSON.parse(element.dataset.parameters);
  settings.url = element.dataset.url;
  settings.dom_id = '#swagger-ui';
  settings.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
  if (element.dataset.oauth2RedirectUrl) {
    settings.oauth2RedirectUrl = window.location.origin + element.dataset.oauth2RedirectUrl;
  }
  window.ui = SwaggerUIBundle(settings);
})();
