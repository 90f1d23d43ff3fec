// Remembers the sessions a visitor ticks for "My calendar" in this browser (no account),
// across pages, and sends them all when the calendar is built.
(() => {
  const form = document.getElementById("my-calendar-form");
  if (!form) return;
  const storageKey = `iwt-my-calendar-${form.dataset.myCalendar}`;
  const boxes = [...document.querySelectorAll('input[form="my-calendar-form"][name="session"]')];
  const summary = form.querySelector("[data-my-calendar-summary]");

  const load = () => {
    try {
      return new Set(JSON.parse(localStorage.getItem(storageKey) || "[]").map(String));
    } catch {
      return new Set();
    }
  };
  const chosen = load();
  const save = () => {
    try {
      localStorage.setItem(storageKey, JSON.stringify([...chosen]));
    } catch {
      // Private browsing or full storage: the ticks on this page still work.
    }
  };
  const describe = () => {
    summary.hidden = false;
    summary.textContent =
      chosen.size === 0
        ? "No sessions chosen yet."
        : `${chosen.size} session${chosen.size === 1 ? "" : "s"} chosen.`;
  };

  for (const box of boxes) {
    if (chosen.has(box.value)) box.checked = true;
    if (box.checked) chosen.add(box.value);
    box.addEventListener("change", () => {
      if (box.checked) chosen.add(box.value);
      else chosen.delete(box.value);
      save();
      describe();
    });
  }
  form.addEventListener("submit", () => {
    // Sessions ticked on other pages are not on this one: send them too.
    const onPage = new Set(boxes.map((box) => box.value));
    for (const id of chosen) {
      if (onPage.has(id)) continue;
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "session";
      input.value = id;
      form.append(input);
    }
  });
  describe();
})();
