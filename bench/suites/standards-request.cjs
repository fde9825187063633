'use strict';
// autocannon `setupRequest` of the standards suite, loaded by path inside autocannon's
// worker thread: each catalogue search comes from its own client address (X-Forwarded-For;
// the bench app trusts its proxy, so the per-address rate limit sees many citizens) and
// asks for one of a few typical words.
const WORDS = ['akta', 'kelahiran', 'ktp', 'izin', 'surat', 'sekolah', 'pengaduan', 'kesehatan'];
let n = 0;
module.exports = (req) => {
  n++;
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  return { ...req, path: String(req.path).replace('QWORD', WORDS[n % WORDS.length]), headers: { ...req.headers, 'x-forwarded-for': ip } };
};
