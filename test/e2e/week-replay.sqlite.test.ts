// test/e2e/week-replay.ts on SQLite.
import { onE2eTarget } from "./e2e-stack.js";
import { describeWeekReplay } from "./week-replay.js";

onE2eTarget("sqlite", describeWeekReplay);
