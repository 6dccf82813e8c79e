// Progressive enhancement only: every page works without this file.
// The page marks itself JavaScript-enabled here rather than in an inline script, so that a
// Content-Security-Policy without 'unsafe-inline' can be applied.
const script = document.querySelector("script[data-govuk-frontend]");
document.body.classList.add("js-enabled", "govuk-frontend-supported");
if (script) {
  import(script.dataset.govukFrontend).then((govuk) => govuk.initAll());
}
