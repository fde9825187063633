'use strict';
// autocannon `setupRequest` of the complaints suite, loaded by path inside autocannon's
// worker thread: each submission gets its own Idempotency-Key, its own client address
// (X-Forwarded-For; the bench app trusts its proxy, as a deployment behind one does, so
// the per-address rate limit sees 50 citizens, not one) and [<id>] in the body replaced.
const prefix = require('node:crypto').randomBytes(4).toString('hex');
let n = 0;
module.exports = (req) => {
  const id = prefix + (n++).toString(36);
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  return {
    ...req,
    headers: { ...req.headers, 'idempotency-key': `bench-${id}`, 'x-forwarded-for': ip },
    body: String(req.body).replace(/\[<id>\]/g, id),
  };
};
