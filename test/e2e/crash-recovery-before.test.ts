// kill -9 mid-job, before GitHub saw the nudge's POST (test/e2e/crash-recovery.ts).
import { describeCrashRecovery } from "./crash-recovery.js";

describeCrashRecovery("before");
