// "Show times in my time zone": session times are written in the conference's zone and
// named; this switches them to the visitor's own zone and back, and remembers the choice.
(() => {
  const toggle = document.querySelector("[data-local-times]");
  const button = toggle?.querySelector("button");
  const note = toggle?.querySelector("[data-local-times-note]");
  if (!button || !note) return;
  const conferenceZone = toggle.dataset.conferenceZone;
  const visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!visitorZone || visitorZone === conferenceZone) {
    button.replaceWith(
      Object.assign(document.createElement("span"), {
        className: "time-zone__same",
        textContent: "Your device is on conference time too.",
      }),
    );
    return;
  }

  const storageKey = "iwt-local-times";
  const conferenceNote = note.textContent;
  const ranges = [...document.querySelectorAll(".session__time")].map((element) => ({
    element,
    conferenceHtml: element.innerHTML,
    times: [...element.querySelectorAll("time[datetime]")].map((time) => new Date(time.dateTime)),
  }));
  const dayIn = (zone, moment) =>
    moment.toLocaleDateString("en-GB", { timeZone: zone, weekday: "short", day: "numeric", month: "short" });
  const clock = (moment) =>
    moment.toLocaleTimeString("en-GB", { timeZone: visitorZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const zoneName = (moment) =>
    new Intl.DateTimeFormat("en-GB", { timeZone: visitorZone, timeZoneName: "short" })
      .formatToParts(moment)
      .find((part) => part.type === "timeZoneName").value;

  const showLocal = () => {
    for (const { element, times } of ranges) {
      const [start, end] = times;
      if (!start || !end) continue;
      // Name the visitor's day when it is not the conference's day for that session.
      const day = dayIn(visitorZone, start) === dayIn(conferenceZone, start) ? "" : `${dayIn(visitorZone, start)} `;
      element.textContent = "";
      const startTime = Object.assign(document.createElement("time"), { dateTime: start.toISOString(), textContent: day + clock(start) });
      const endTime = Object.assign(document.createElement("time"), { dateTime: end.toISOString(), textContent: clock(end) });
      const zone = Object.assign(document.createElement("span"), { className: "session__zone", textContent: zoneName(start) });
      element.append(startTime, "–", endTime, " ", zone);
    }
    note.textContent = `Times are shown in your time zone, ${visitorZone.replaceAll("_", " ")}. The conference runs on ${conferenceZone} time.`;
  };
  const showConference = () => {
    for (const { element, conferenceHtml } of ranges) element.innerHTML = conferenceHtml;
    note.textContent = conferenceNote;
  };
  const apply = (local) => {
    button.setAttribute("aria-pressed", String(local));
    if (local) showLocal();
    else showConference();
  };

  button.removeAttribute("data-pending");
  button.addEventListener("click", () => {
    const local = button.getAttribute("aria-pressed") !== "true";
    try {
      localStorage.setItem(storageKey, local ? "1" : "");
    } catch {
      // Without storage the choice lasts for this page only.
    }
    apply(local);
  });
  let remembered = false;
  try {
    remembered = localStorage.getItem(storageKey) === "1";
  } catch {
    remembered = false;
  }
  if (remembered) apply(true);
})();
