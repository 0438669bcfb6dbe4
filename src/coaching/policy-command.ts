// Parses the reviewer's `/review-coach off|on` command from a comment body.

export type CoachCommand = "off" | "on";

// A line of its own: "/review-coach off". Quoted lines ("> /review-coach off") and code blocks are not commands.
const COMMAND = /^[ \t]*\/review-coach[ \t]+(off|on)[ \t]*[.!]?[ \t]*$/im;
const FENCED = /^[ \t]*(```|~~~)[\s\S]*?^[ \t]*\1[ \t]*$/gm;

export function parseCoachCommand(body: string | null | undefined): CoachCommand | undefined {
  if (!body?.toLowerCase().includes("/review-coach")) return undefined;
  const match = COMMAND.exec(body.replace(FENCED, ""));
  return match ? (match[1]?.toLowerCase() as CoachCommand) : undefined;
}
