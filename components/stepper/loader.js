// The component's own code is this loader: Streamlit sends it with every element it draws (each λ release
// redraws the control), so the stepper itself (stepper.js) is fetched once from the app's static files and
// cached by the browser. The server writes the stepper's address, with its content's digest, below.
const STEPPER_URL = new URL("__STEPPER_URL__", document.baseURI).href;

function stepper() {
  if (!window.__stepperModule) window.__stepperModule = import(STEPPER_URL);
  return window.__stepperModule;
}

export default function (args) {
  let cleanup;
  let gone = false;
  stepper().then(
    (module) => {
      if (!gone) cleanup = module.default(args);
    },
    (error) => {
      window.__stepperModule = null;
      args.parentElement.textContent = `The chart could not be loaded: ${error.message}. Reload the page to try again.`;
    },
  );
  return () => {
    gone = true;
    if (typeof cleanup === "function") cleanup();
  };
}
