// Reads iCalendar files with ical.js, the parser inside Mozilla Thunderbird: each line on
// stdin is one file as a JSON string; each line printed is its events as JSON, with their
// start and end in UTC, or {"error": message}. One process reads as many files as it is given.
import readline from "node:readline";
import ICAL from "ical.js";

function read(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const utc = (time) => time.convertToZone(ICAL.Timezone.utcTimezone).toString();
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      location: event.location,
      start: utc(event.startDate),
      end: utc(event.endDate),
      sequence: event.sequence,
      status: component.getFirstPropertyValue("status"),
    };
  });
  return { name: calendar.getFirstPropertyValue("name"), events };
}

for await (const line of readline.createInterface({ input: process.stdin })) {
  let answer;
  try {
    answer = read(JSON.parse(line));
  } catch (error) {
    answer = { error: String(error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
