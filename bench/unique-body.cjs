'use strict';
// autocannon `setupRequest`, loaded by path inside autocannon's worker thread: replaces
// [<id>] in the body with an id unique to the request (autocannon's own idReplacement
// assumes 33-character ids and sends a wrong Content-Length with hyperid 3).
const prefix = require('node:crypto').randomBytes(3).toString('hex');
let n = 0;
module.exports = (req) => {
  const id = prefix + (n++).toString(36);
  return { ...req, body: String(req.body).replace(/\[<id>\]/g, id) };
};
