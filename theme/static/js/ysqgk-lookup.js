/* 查询码 lookup, cryptographic side: the twin of plugins/ysqgk/lookup.py (WebCrypto only).
 *
 * key  = PBKDF2-HMAC-SHA256(查询码, "gongkai-ysqgk|<salt>|<受理编号>", iterations) — 32 bytes
 * shard = first shardHex hex digits of SHA-256("gk-shard" ‖ key); id = first 16 bytes of
 * SHA-256("gk-id" ‖ key) (base64url); AES-256-GCM key = SHA-256("gk-enc" ‖ key).
 * A wrong code or 受理编号 gives another key, hence (almost surely) another shard and no entry.
 * Loads as a classic script (window.GKLookup) and as a CommonJS module for the Node tests.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.GKLookup = api;
  }
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  function subtle() {
    const c = (typeof globalThis !== 'undefined' && globalThis.crypto) || null;
    return c && c.subtle ? c.subtle : null;
  }

  function normalizeCode(text) {
    return String(text).normalize('NFKC').toUpperCase().replace(/[\s\-\u3000]/g, '');
  }

  function normalizeNo(text) {
    return String(text).normalize('NFKC').toUpperCase().replace(/\s/g, '');
  }

  const enc = new TextEncoder();

  function concat(label, bytes) {
    const head = enc.encode(label);
    const out = new Uint8Array(head.length + bytes.length);
    out.set(head, 0);
    out.set(bytes, head.length);
    return out;
  }

  function hex(bytes) {
    return Array.prototype.map.call(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function b64url(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += 1) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function fromB64url(text) {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i += 1) out[i] = s.charCodeAt(i);
    return out;
  }

  async function deriveKey(no, code, salt, iterations) {
    const s = subtle();
    const base = await s.importKey('raw', enc.encode(normalizeCode(code)), 'PBKDF2', false, ['deriveBits']);
    const bits = await s.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', iterations: iterations,
      salt: enc.encode('gongkai-ysqgk|' + salt + '|' + normalizeNo(no)) }, base, 256);
    return new Uint8Array(bits);
  }

  async function locate(key, shardHex) {
    const s = subtle();
    const shard = hex(new Uint8Array(await s.digest('SHA-256', concat('gk-shard', key)))).slice(0, shardHex);
    const id = b64url(new Uint8Array(await s.digest('SHA-256', concat('gk-id', key))).slice(0, 16));
    const aes = new Uint8Array(await s.digest('SHA-256', concat('gk-enc', key)));
    return { shard: shard, id: id, aes: aes };
  }

  /* The entry of this key in a parsed shard file, decrypted — or null. */
  async function open(shardData, loc) {
    const rows = (shardData && shardData.e) || [];
    const row = rows.find((r) => r[0] === loc.id);
    if (!row) return null;
    const s = subtle();
    try {
      const k = await s.importKey('raw', loc.aes, 'AES-GCM', false, ['decrypt']);
      const plain = await s.decrypt({ name: 'AES-GCM', iv: fromB64url(row[1]) }, k, fromB64url(row[2]));
      return JSON.parse(new TextDecoder().decode(plain).trim());
    } catch (e) {
      return null;
    }
  }

  return { available: function () { return subtle() !== null; }, normalizeCode: normalizeCode,
    normalizeNo: normalizeNo, deriveKey: deriveKey, locate: locate, open: open, hex: hex };
});
