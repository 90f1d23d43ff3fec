// Reads an iCalendar file on stdin with ical.js, the parser inside Mozilla Thunderbird,
// and prints its events as JSON with their start and end in UTC.
import ICAL from "ical.js";

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;

const calendar = new ICAL.Component(ICAL.parse(input));
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
process.stdout.write(JSON.stringify({ name: calendar.getFirstPropertyValue("name"), events }));
