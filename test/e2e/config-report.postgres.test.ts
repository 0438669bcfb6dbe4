// test/e2e/config-report.ts on PostgreSQL (when TEST_DATABASE_URL is set).

import { describeConfigReport } from "./config-report.js";
import { onE2eTarget } from "./e2e-stack.js";

onE2eTarget("postgres", describeConfigReport);
