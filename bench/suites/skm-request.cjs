'use strict';
// autocannon `setupRequest` of the skm suite, loaded by path inside autocannon's worker
// thread: every answer gets its own clientId (a UUID made "on the device"), its own client
// address (X-Forwarded-For; the bench app trusts its proxy) and a varied answer set.
const crypto = require('node:crypto');
let n = 0;
module.exports = (req) => {
  n++;
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const body = String(req.body)
    .replace('[<uuid>]', crypto.randomUUID())
    .replace('[<now>]', new Date().toISOString())
    .replace(/"\[<a>\]"/g, () => String(1 + Math.floor(Math.random() * 4)));
  return { ...req, headers: { ...req.headers, 'x-forwarded-for': ip }, body };
};
