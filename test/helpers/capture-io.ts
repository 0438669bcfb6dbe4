// A CommandIo that keeps what a command printed, for assertions.
import type { CommandIo } from "../../src/commands/io.js";

export function captureIo(): CommandIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}
