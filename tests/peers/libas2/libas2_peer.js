// libas2 0.8.2 (Node) as an independent AS2 peer for orderhub's interop tests. Run with:
//   node --security-revert=CVE-2023-46809 libas2_peer.js serve          (receiver; prints {"listen": port})
//   node --security-revert=CVE-2023-46809 libas2_peer.js send <url> '<json options>'   (sender)
// Identities come from the environment: PEER_NAME, PEER_KEY, PEER_CERT (this peer), HUB_NAME, HUB_CERT (orderhub).
// The flag is needed only to DECRYPT what pyas2lib encrypts (RSA PKCS#1 v1.5 key transport); Node 20 refuses
// that padding otherwise, and NODE_OPTIONS does not take it. Every result is one JSON line on stdout.
'use strict'
const fs = require('fs')
const http = require('http')
const crypto = require('crypto')
const pkijs = require('pkijs/build/index')
const { AS2Composer, AS2Parser, AS2Crypto } = require('libas2')

const env = (n) => { if (!process.env[n]) throw new Error('missing ' + n); return process.env[n] }
const ME = { name: env('PEER_NAME'), cert: fs.readFileSync(env('PEER_CERT'), 'utf8'), key: fs.readFileSync(env('PEER_KEY'), 'utf8') }
const HUB = { name: env('HUB_NAME'), cert: fs.readFileSync(env('HUB_CERT'), 'utf8') }
const sha = (b) => crypto.createHash('sha256').update(b).digest('hex')
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n')

// libas2 wraps the content key with RSA-OAEP/SHA-512 (pkijs default), which pyas2lib/oscrypto cannot unwrap
// (oscrypto's OAEP is SHA-1 only). A libas2 partner sending encrypted to orderhub must use OAEP with SHA-1.
function forceOaepSha1 () {
  const orig = pkijs.EnvelopedData.prototype.addRecipientByCertificate
  pkijs.EnvelopedData.prototype.addRecipientByCertificate = function (cert, params, variant) {
    return orig.call(this, cert, Object.assign({ oaepHashAlgorithm: 'SHA-1' }, params), variant)
  }
}

function post (url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const bufs = []
      res.on('data', (d) => bufs.push(d))
      res.on('end', () => resolve({ status: res.statusCode, rawHeaders: res.rawHeaders, body: Buffer.concat(bufs) }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

// ---- sender: libas2 -> orderhub ---------------------------------------------------------------------------
async function send (url, opt) {
  if (opt.encrypt) forceOaepSha1()
  const content = Buffer.from(opt.payload, 'latin1')
  const makeComposer = (encrypt) => new AS2Composer({
    message: { filename: 'po.edi', contentType: 'application/edi-x12', content },
    agreement: {
      host: { name: ME.name, id: ME.name, url: 'http://127.0.0.1/unused', certificate: ME.cert, privateKey: ME.key,
        decrypt: false, sign: opt.sign === false ? false : 'sha-256',
        mdn: { async: false, signing: opt.mdnSigning === false ? false : 'sha-256' } },
      partner: { name: HUB.name, id: HUB.name, url, certificate: HUB.cert, encrypt, verify: true }
    }
  })
  const composer = makeComposer(opt.encrypt || false)
  const node = await composer.compile()
  // Build bytes ourselves: buildObject()/toRequestOptions() decode the body as UTF-8 (not binary-safe).
  const raw = await node.build()
  const sep = raw.indexOf('\r\n\r\n')
  const hdrs = {}
  for (const line of raw.slice(0, sep).toString('latin1').replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':'); hdrs[line.slice(0, i).trim()] = line.slice(i + 1).trim()
  }
  let body = raw.slice(sep + 4)
  if (opt.tamper) body = Buffer.from(body.toString('latin1').replace(opt.tamper[0], opt.tamper[1]), 'latin1')
  // the MIC we expect back: the digest over the signed content part (independent of encryption)
  let expectedMic = null
  if (opt.sign !== false) {
    const signedOnly = node.encrypted ? await makeComposer(false).compile() : node
    const d = await AS2Crypto.verify(signedOnly, { cert: ME.cert }, true)
    expectedMic = d && d.digest.toString('base64')
  }
  const res = await post(url, hdrs, body)
  const mdnNode = await AS2Parser.parse({ headers: res.rawHeaders, content: res.body })
  let verified = null
  try {
    verified = mdnNode.signed ? !!(await AS2Crypto.verify(mdnNode, { cert: HUB.cert })) : null
  } catch (e) { verified = 'error: ' + e.message }
  const disp = await mdnNode.dispositionIn()
  const mic = disp.notification && disp.notification.receivedContentMic
  out({ role: 'libas2-sender', messageId: node.messageId(), http: res.status, mdnSigned: !!mdnNode.signed,
    mdnVerified: verified, mic, micMatches: !!(expectedMic && mic && mic.mic === expectedMic),
    disposition: (res.body.toString('latin1').match(/Disposition: *([^\r\n]*)/i) || [null, null])[1] })
}

// ---- receiver: orderhub -> libas2 -------------------------------------------------------------------------
function serve () {
  const server = http.createServer((req, res) => {
    const bufs = []
    req.on('data', (d) => bufs.push(d))
    req.on('end', async () => {
      const body = Buffer.concat(bufs)
      let result
      try {
        const node = await AS2Parser.parse({ headers: req.rawHeaders, content: body })
        const opts = (req.headers['disposition-notification-options'] || '').toLowerCase()
        const mdnSigning = /signed-receipt-micalg=[^;]*sha-?256/.test(opts) ? 'sha-256' : false
        const { contentNode, dispositionNode, disposition } = await node.dispositionOut({
          agreement: {
            host: { name: ME.name, id: ME.name, url: 'http://127.0.0.1/unused', certificate: ME.cert, privateKey: ME.key,
              decrypt: true, sign: false },
            partner: { name: HUB.name, id: HUB.name, url: 'http://127.0.0.1/unused', certificate: HUB.cert,
              encrypt: false, verify: true, mdn: { signing: mdnSigning } }
          }
        })
        let payload = null
        if (contentNode && contentNode.content !== undefined) {
          payload = Buffer.isBuffer(contentNode.content) ? contentNode.content : Buffer.from(contentNode.content)
        }
        const raw = await dispositionNode.build()
        const sep = raw.indexOf('\r\n\r\n')
        for (const line of raw.slice(0, sep).toString('latin1').replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
          const i = line.indexOf(':'); res.setHeader(line.slice(0, i).trim(), line.slice(i + 1).trim())
        }
        res.end(raw.slice(sep + 4))
        result = { role: 'libas2-receiver', messageId: node.messageId(), disposition: disposition.notification.disposition,
          mic: disposition.notification.receivedContentMic, payloadSha256: payload && sha(payload),
          payload: payload && payload.toString('latin1') }
      } catch (e) {
        res.statusCode = 500; res.end(String(e))
        result = { role: 'libas2-receiver', error: String(e && e.stack || e) }
      }
      out(result)
    })
  })
  server.listen(0, '127.0.0.1', () => out({ listen: server.address().port }))
}

if (process.argv[2] === 'serve') serve()
else send(process.argv[3], JSON.parse(process.argv[4] || '{}')).catch((e) => { out({ error: String(e && e.stack || e) }); process.exit(1) })
