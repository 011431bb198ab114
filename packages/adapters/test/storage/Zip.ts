import { crc32 } from "node:zlib"

/**
 * A minimal ZIP writer (stored entries, no compression): enough to build Office Open XML files and
 * other ZIPs for the format tests without a dependency.
 */
export const zip = (entries: ReadonlyArray<readonly [name: string, content: string]>): Uint8Array => {
  const locals: Array<Buffer> = []
  const centrals: Array<Buffer> = []
  let offset = 0
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, "utf8")
    const data = Buffer.from(content, "utf8")
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + data.length
  }
  const centralBytes = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(centralBytes.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, centralBytes, end]))
}

const contentTypes = (mainType: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/main.xml" ContentType="${mainType}"/></Types>`

export const docx = () =>
  zip([
    [
      "[Content_Types].xml",
      contentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
    ],
    ["word/document.xml", "<w:document/>"]
  ])

export const xlsx = () =>
  zip([
    [
      "[Content_Types].xml",
      contentTypes("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
    ],
    ["xl/workbook.xml", "<workbook/>"]
  ])

export const docm = () =>
  zip([
    ["[Content_Types].xml", contentTypes("application/vnd.ms-word.document.macroEnabled.main+xml")],
    ["word/document.xml", "<w:document/>"]
  ])
