import { createHash, randomBytes } from "node:crypto"
import { Option, Stream } from "effect"

/**
 * Bytes made up on the fly, `blockBytes` at a time, so a test can push far more through the store
 * than it could ever hold. Every block differs (a counter is stamped into it), so a reordered or
 * repeated block changes the hash.
 */
export const generated = (totalBytes: number, blockBytes = 64 * 1024) => {
  const seed = randomBytes(blockBytes)
  const hash = createHash("sha256")
  let digest: string | undefined
  const stream = Stream.unfold(0, (offset) => {
    if (offset >= totalBytes) return Option.none()
    const size = Math.min(blockBytes, totalBytes - offset)
    const block = Buffer.allocUnsafe(size)
    seed.copy(block, 0, 0, size)
    block.writeUInt32BE(offset >>> 0, 0)
    hash.update(block)
    if (offset + size >= totalBytes) digest = hash.digest("hex")
    return Option.some([
      new Uint8Array(block.buffer, block.byteOffset, block.byteLength),
      offset + size
    ] as const)
  })
  return {
    stream,
    /** Known once the stream has been read to its end. */
    sha256: () => {
      if (digest === undefined) throw new Error("the generated stream was not read to the end")
      return digest
    }
  }
}

export const sha256Of = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex")
