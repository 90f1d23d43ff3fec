// The agenda's "Timetable | List" switch, remembered in this browser. Without JavaScript the
// switch's links ask the server for ?view=timetable or ?view=list; with it, the choice
// applies at once and later visits without ?view= get the one made last.
(() => {
  const root = document.currentScript.closest("[data-agenda-view]");
  if (!root) return;
  const KEY = "iwt-agenda-view";
  const links = [...root.querySelectorAll(".view-switch a[data-view]")];

  const remembered = () => {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null;
    }
  };
  const remember = (view) => {
    try {
      localStorage.setItem(KEY, view);
    } catch {
      // Storage refused (private browsing): the choice lasts for this page only.
    }
  };
  const show = (view) => {
    root.classList.toggle("agenda--list", view === "list");
    for (const link of links) {
      if (link.dataset.view === view) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    }
  };

  const asked = new URLSearchParams(location.search).get("view");
  if (asked === "list" || asked === "timetable") remember(asked);
  else if (remembered() === "list") show("list");

  for (const link of links) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const view = link.dataset.view;
      remember(view);
      show(view);
      history.replaceState(null, "", link.href);
    });
  }
})();
