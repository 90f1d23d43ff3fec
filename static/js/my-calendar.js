// "My calendar": the sessions a visitor chooses are kept in this browser (no account),
// shared by every page and tab of the edition, and all sent when the calendar is built.
(() => {
  const form = document.getElementById("my-calendar-form");
  if (!form) return;
  try {
    localStorage.setItem("iwt-storage-check", "1");
    localStorage.removeItem("iwt-storage-check");
  } catch {
    return; // No storage: the boxes of each page still go with its form.
  }
  const storageKey = `iwt-my-calendar-${form.dataset.myCalendar}`;
  const boxes = [...document.querySelectorAll('input[form="my-calendar-form"][name="session"]')];
  const summaries = [...document.querySelectorAll("[data-my-calendar-summary]")];
  const clearButton = form.querySelector("[data-my-calendar-clear]");

  const load = () => {
    try {
      return new Set(JSON.parse(localStorage.getItem(storageKey) || "[]").map(String));
    } catch {
      return new Set();
    }
  };
  const save = (chosen) => {
    localStorage.setItem(storageKey, JSON.stringify([...chosen]));
  };
  // Always from storage, so that other tabs' changes and the back button never win.
  const show = () => {
    const chosen = load();
    for (const box of boxes) box.checked = chosen.has(box.value);
    const text =
      chosen.size === 0
        ? "No sessions chosen yet."
        : `${chosen.size} session${chosen.size === 1 ? "" : "s"} chosen.`;
    for (const summary of summaries) {
      summary.hidden = false;
      summary.textContent = text;
    }
    if (clearButton) clearButton.hidden = chosen.size === 0;
  };

  // The calendar page names the sessions it could not include: forget them.
  const dropped = (form.dataset.myCalendarDropped || "").split(",").filter(Boolean);
  if (dropped.length) {
    const chosen = load();
    for (const id of dropped) chosen.delete(id);
    save(chosen);
  }

  for (const box of boxes) {
    box.addEventListener("change", () => {
      const chosen = load();
      if (box.checked) chosen.add(box.value);
      else chosen.delete(box.value);
      save(chosen);
      show();
    });
  }
  clearButton?.addEventListener("click", () => {
    save(new Set());
    show();
  });
  form.addEventListener("submit", () => {
    // Sessions chosen on other pages are not among this page's boxes: send them too.
    const onPage = new Set(boxes.map((box) => box.value));
    for (const id of load()) {
      if (onPage.has(id)) continue;
      const input = Object.assign(document.createElement("input"), {
        type: "hidden",
        name: "session",
        value: id,
      });
      form.append(input);
    }
  });
  window.addEventListener("storage", (event) => {
    if (event.key === storageKey) show();
  });
  window.addEventListener("pageshow", show);
  show();
})();
