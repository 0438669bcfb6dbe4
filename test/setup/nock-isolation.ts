// nock patches Node's http module, which every test file in a jest worker shares, while each file gets its own copy
// of nock. A file that disables net connect would otherwise leave its interceptor refusing loopback requests in
// every later file on the same worker (CI has one worker, so that is all of them). Each file ends by undoing nock.
import { afterAll } from "@jest/globals";

afterAll(async () => {
  const { default: nock } = await import("nock");
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});
