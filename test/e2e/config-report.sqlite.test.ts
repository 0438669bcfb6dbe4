// test/e2e/config-report.ts on SQLite.

import { describeConfigReport } from "./config-report.js";
import { onE2eTarget } from "./e2e-stack.js";

onE2eTarget("sqlite", describeConfigReport);
