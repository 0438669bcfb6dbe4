// kill -9 mid-job, after GitHub saw the nudge's POST (test/e2e/crash-recovery.ts).
import { describeCrashRecovery } from "./crash-recovery.js";

describeCrashRecovery("after");
