// On the manage page: offer to tick the sessions chosen for "My calendar" in this browser,
// so that the personal calendar can start from them.
(() => {
  const form = document.getElementById("manage-sessions");
  if (!form) return;
  let stored = [];
  try {
    stored = JSON.parse(localStorage.getItem(`iwt-my-calendar-${form.dataset.myCalendar}`) || "[]");
  } catch {
    return;
  }
  const boxes = [...form.querySelectorAll('input[name="sessions"]')];
  const fromBrowser = boxes.filter((box) => stored.map(String).includes(box.value));
  const missing = fromBrowser.filter((box) => !box.checked);
  if (!missing.length) return;
  const holder = form.querySelector(".manage-sessions__import");
  const button = holder.querySelector("[data-import-my-calendar]");
  button.textContent = `Tick the ${fromBrowser.length} session${fromBrowser.length === 1 ? "" : "s"} from My calendar in this browser`;
  holder.hidden = false;
  button.addEventListener("click", () => {
    for (const box of fromBrowser) box.checked = true;
    button.hidden = true;
    holder.querySelector("[data-import-note]").textContent =
      "Ticked. Choose “Save my sessions” to keep them.";
  });
})();
