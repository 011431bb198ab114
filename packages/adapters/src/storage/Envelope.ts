import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto"
import { Transform, type TransformCallback } from "node:stream"

/**
 * The at-rest format of a stored file (docs/storage.md has the full picture).
 *
 *   header  = "OAPF" | version (1) | chunk size (u32 BE) | master key id (8)
 *             | wrap nonce (12) | wrapped file key (32) | wrap tag (16)
 *   body    = chunk*, each = AES-256-GCM(file key, nonce = 0^4 | index (u64 BE),
 *             aad = storage key | index (u64 BE) | final flag (1)) ciphertext | tag (16)
 *
 * A fresh random key per file means a counter nonce can never repeat under one key. Each chunk
 * carries its own tag, so a reader can release a chunk as soon as it is authenticated instead of
 * waiting for the end of a file it cannot hold in memory. The index in the AAD stops reordering,
 * the final flag stops truncation at a chunk boundary, and the storage key in both AADs stops an
 * object being passed off as another one.
 */
export const MAGIC = Buffer.from("OAPF", "ascii")
export const VERSION = 1
export const TAG_BYTES = 16
const NONCE_BYTES = 12
const KEY_BYTES = 32
const KEY_ID_BYTES = 8
export const HEADER_BYTES = MAGIC.length + 1 + 4 + KEY_ID_BYTES + NONCE_BYTES + KEY_BYTES + TAG_BYTES
export const DEFAULT_CHUNK_BYTES = 64 * 1024

/** Raised inside the pipelines; the adapter turns it into `StoredObjectCorrupt`. */
export class IntegrityError extends Error {
  override readonly name = "IntegrityError"
}

export const masterKeyId = (masterKey: Buffer): Buffer =>
  createHash("sha256").update("openap-master-key-id").update(masterKey).digest().subarray(0, KEY_ID_BYTES)

const wrapAad = (storageKey: string): Buffer =>
  Buffer.from(`openap-file-key-v${VERSION}:${storageKey}`, "utf8")

export interface Header {
  readonly chunkBytes: number
  readonly fileKey: Buffer
}

/** Makes a fresh file key and the header that carries it, wrapped under the master key. */
export const sealHeader = (
  masterKey: Buffer,
  storageKey: string,
  chunkBytes: number
): { readonly header: Buffer; readonly fileKey: Buffer } => {
  const fileKey = randomBytes(KEY_BYTES)
  const nonce = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv("aes-256-gcm", masterKey, nonce)
  cipher.setAAD(wrapAad(storageKey))
  const wrapped = Buffer.concat([cipher.update(fileKey), cipher.final()])
  const size = Buffer.alloc(4)
  size.writeUInt32BE(chunkBytes)
  const header = Buffer.concat([
    MAGIC,
    Buffer.of(VERSION),
    size,
    masterKeyId(masterKey),
    nonce,
    wrapped,
    cipher.getAuthTag()
  ])
  return { header, fileKey }
}

/** Reads and authenticates a header; throws IntegrityError on anything unexpected. */
export const openHeader = (masterKey: Buffer, storageKey: string, header: Buffer): Header => {
  if (header.length !== HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new IntegrityError("not a stored file")
  }
  let at = MAGIC.length
  if (header[at] !== VERSION) throw new IntegrityError("unknown format version")
  at += 1
  const chunkBytes = header.readUInt32BE(at)
  at += 4
  if (chunkBytes < 1024 || chunkBytes > 16 * 1024 * 1024) throw new IntegrityError("bad chunk size")
  const keyId = header.subarray(at, at + KEY_ID_BYTES)
  at += KEY_ID_BYTES
  if (!keyId.equals(masterKeyId(masterKey))) throw new IntegrityError("sealed under another master key")
  const nonce = header.subarray(at, at + NONCE_BYTES)
  at += NONCE_BYTES
  const wrapped = header.subarray(at, at + KEY_BYTES)
  at += KEY_BYTES
  const tag = header.subarray(at, at + TAG_BYTES)
  const decipher = createDecipheriv("aes-256-gcm", masterKey, nonce)
  decipher.setAAD(wrapAad(storageKey))
  decipher.setAuthTag(tag)
  try {
    const fileKey = Buffer.concat([decipher.update(wrapped), decipher.final()])
    // The chunk size is not in the wrap's AAD, so a tampered size would only garble every chunk;
    // the chunk tags then refuse it, which is enough.
    return { chunkBytes, fileKey }
  } catch {
    throw new IntegrityError("file key does not authenticate")
  }
}

const chunkNonce = (index: number): Buffer => {
  const nonce = Buffer.alloc(NONCE_BYTES)
  nonce.writeBigUInt64BE(BigInt(index), 4)
  return nonce
}

const chunkAad = (storageKey: Buffer, index: number, final: boolean): Buffer => {
  const aad = Buffer.alloc(storageKey.length + 9)
  storageKey.copy(aad, 0)
  aad.writeBigUInt64BE(BigInt(index), storageKey.length)
  aad[storageKey.length + 8] = final ? 1 : 0
  return aad
}

/** What the encryptor measured of the plaintext it saw. */
export interface Measured {
  size: number
  sha256: string
}

/**
 * Plaintext in, sealed chunks out. Holds at most one chunk: a full chunk is only sealed as
 * "not final" once a further byte proves more follows, so the last chunk is always the final one
 * (an empty file is one empty final chunk).
 */
export const encryptor = (
  fileKey: Buffer,
  storageKey: string,
  chunkBytes: number,
  measured: Measured
): Transform => {
  const keyBytes = Buffer.from(storageKey, "utf8")
  const hash = createHash("sha256")
  const pending = Buffer.allocUnsafe(chunkBytes)
  let filled = 0
  let index = 0
  const seal = (plain: Buffer, final: boolean): Buffer => {
    const cipher = createCipheriv("aes-256-gcm", fileKey, chunkNonce(index))
    cipher.setAAD(chunkAad(keyBytes, index, final))
    index += 1
    const head = cipher.update(plain)
    const tail = cipher.final()
    return Buffer.concat([head, tail, cipher.getAuthTag()])
  }
  return new Transform({
    transform(data: Uint8Array, _encoding, callback: TransformCallback) {
      const input = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      hash.update(input)
      measured.size += input.length
      let at = 0
      while (at < input.length) {
        if (filled === chunkBytes) {
          // The cipher copies what it seals, so the buffer can be refilled at once.
          this.push(seal(pending, false))
          filled = 0
        }
        const take = Math.min(chunkBytes - filled, input.length - at)
        input.copy(pending, filled, at, at + take)
        filled += take
        at += take
      }
      callback()
    },
    flush(callback: TransformCallback) {
      this.push(seal(pending.subarray(0, filled), true))
      measured.sha256 = hash.digest("hex")
      callback()
    }
  })
}

/**
 * Sealed chunks in, authenticated plaintext out. A chunk is emitted only after its tag checks;
 * at the end the plaintext's size and SHA-256 must match what was recorded at upload.
 */
export const decryptor = (
  fileKey: Buffer,
  storageKey: string,
  chunkBytes: number,
  expected: { readonly size: number; readonly sha256: string }
): Transform => {
  const keyBytes = Buffer.from(storageKey, "utf8")
  const sealedBytes = chunkBytes + TAG_BYTES
  const hash = createHash("sha256")
  const pending = Buffer.allocUnsafe(sealedBytes)
  let filled = 0
  let index = 0
  let size = 0
  const open = (sealed: Buffer, final: boolean): Buffer => {
    if (sealed.length < TAG_BYTES) throw new IntegrityError("truncated chunk")
    const decipher = createDecipheriv("aes-256-gcm", fileKey, chunkNonce(index))
    decipher.setAAD(chunkAad(keyBytes, index, final))
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
    index += 1
    try {
      const head = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES))
      const tail = decipher.final()
      return tail.length === 0 ? head : Buffer.concat([head, tail])
    } catch {
      throw new IntegrityError(`chunk ${index - 1} does not authenticate`)
    }
  }
  const release = (stream: Transform, plain: Buffer) => {
    size += plain.length
    if (size > expected.size) throw new IntegrityError("longer than recorded")
    hash.update(plain)
    if (plain.length > 0) stream.push(plain)
  }
  return new Transform({
    transform(data: Buffer, _encoding, callback: TransformCallback) {
      try {
        let at = 0
        while (at < data.length) {
          if (filled === sealedBytes) {
            release(this, open(pending, false))
            filled = 0
          }
          const take = Math.min(sealedBytes - filled, data.length - at)
          data.copy(pending, filled, at, at + take)
          filled += take
          at += take
        }
        callback()
      } catch (error) {
        callback(error as Error)
      }
    },
    flush(callback: TransformCallback) {
      try {
        release(this, open(pending.subarray(0, filled), true))
        if (size !== expected.size) throw new IntegrityError("shorter than recorded")
        if (hash.digest("hex") !== expected.sha256) throw new IntegrityError("SHA-256 differs from recorded")
        callback()
      } catch (error) {
        callback(error as Error)
      }
    }
  })
}
