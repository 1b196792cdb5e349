// Trunk's initializer for the wasm download (index.html: data-initializer). If the
// .wasm cannot be fetched or compiled (offline, a 404, a corrupt file), or the page's
// own script (app.js) did not load, the loading state gives way to the failure box with
// a reload button. Its words are in index.html: no catalog exists before the wasm does.
function fail(detail) {
  // The sentence, in the page's language; the browser's own words (often English, and
  // technical) go to the console for whoever investigates.
  console.error("Vrest could not load: " + detail);
  const text = document.getElementById("fatal").dataset.loadFailed;
  if (window.vrestFatal) return window.vrestFatal(text);
  // app.js is missing, so the box is shown here.
  document.getElementById("fatal-message").textContent = text;
  document.getElementById("loading").hidden = true;
  document.getElementById("fatal").hidden = false;
  document.getElementById("reload").onclick = () => location.reload();
  document.getElementById("reload").focus();
}

export default function initializer() {
  return {
    onSuccess() {
      // app.js is deferred and comes first, so it has run by now if it loaded.
      if (window.vrestFatal) window.vrestLoaded = true;
      else fail("app.js");
    },
    onFailure(reason) {
      fail(reason && reason.message ? reason.message : String(reason));
    },
  };
}
