// test/e2e/week-replay.ts on PostgreSQL (when TEST_DATABASE_URL is set).
import { onE2eTarget } from "./e2e-stack.js";
import { describeWeekReplay } from "./week-replay.js";

onE2eTarget("postgres", describeWeekReplay);
