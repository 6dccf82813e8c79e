// Progressive enhancement only: every page works without this file.
// The page marks itself JavaScript-enabled here rather than in an inline script, so that a
// Content-Security-Policy without 'unsafe-inline' can be applied.
const script = document.querySelector("script[data-govuk-frontend]");
document.body.classList.add("js-enabled", "govuk-frontend-supported");
if (script) {
  import(script.dataset.govukFrontend).then((govuk) => govuk.initAll());
}

// Radios that reveal a follow-up question (headway/core/components.py says why not GOV.UK
// Frontend's own script): each radio controls its revealed question, shown while it is chosen.
for (const group of document.querySelectorAll('[data-module="app-radios-reveal"]')) {
  const radios = [...group.querySelectorAll('input[type="radio"]')];
  for (const radio of radios) {
    if (radio.dataset.ariaControls) {
      radio.setAttribute("aria-controls", radio.dataset.ariaControls);
      radio.removeAttribute("data-aria-controls");
    }
  }
  const show = () => {
    for (const radio of radios) {
      const revealed = document.getElementById(radio.getAttribute("aria-controls") || "");
      if (revealed) revealed.classList.toggle("govuk-radios__conditional--hidden", !radio.checked);
    }
  };
  group.addEventListener("change", show);
  show();
}
