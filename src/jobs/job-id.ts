// Job ids: UUIDv7, time-ordered, so the primary keys of jobs and job_payloads grow at their right edge and a batch
// of new jobs dirties a page or two of each index instead of one random page per job.
//
// uuid's own source of randomness asks crypto for 16 bytes per id, which cost ~9 µs per delivery on the ingest
// thread (bench/load.ts, BENCH_CPU_PROF); here the bytes come from a pool refilled 4 KB at a time. Given its bytes,
// uuid's v7 keeps no state, so the millisecond and the counter that keep ids in order within one millisecond (as
// its default does, RFC 9562 §6.2 method 1) are kept here.
import { randomFillSync } from "node:crypto";
import { v7 } from "uuid";

const pool = new Uint8Array(4096);
const poolView = new DataView(pool.buffer);
let used = pool.length;
let lastMs = Number.NEGATIVE_INFINITY;
let seq = 0;

function randomBytes(): Uint8Array {
  if (used + 16 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
}

/** A new UUIDv7, later than every one this thread made before. */
export function newJobId(now: number = Date.now()): string {
  const random = randomBytes();
  if (now > lastMs) {
    lastMs = now;
    // A random start for the counter, its top bit clear so it can count up (as uuid's own v7 does).
    seq = poolView.getUint32(random.byteOffset + 6) & 0x7fffffff;
  } else {
    seq = (seq + 1) | 0;
    // The counter ran out within one millisecond: borrow the next one, as uuid does.
    if (seq === 0) lastMs++;
  }
  return v7({ random, msecs: lastMs, seq });
}
