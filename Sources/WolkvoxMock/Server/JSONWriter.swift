import Hummingbird
import WolkvoxAPI

/// Writes the API's JSON into a `ByteBuffer`, compact like PHP's `json_encode`.
struct JSONWriter {
    /// Escape non-ASCII as `\uXXXX` (surrogate pairs above U+FFFF) and `/` as `\/`.
    var phpStyle: Bool

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// The envelope up to the opening bracket of `data`.
    func writeHead(count: Int, into buffer: inout ByteBuffer) {
        buffer.writeString("{\"code\":\"200\",\"error\":null,\"msg\":")
        writeString(MockRules.foundMessage(count), into: &buffer)
        buffer.writeString(",\"data\":[")
    }

    func writeTail(into buffer: inout ByteBuffer) {
        buffer.writeString("]}")
    }

    func writeRecord(_ record: RawRecord, first: Bool, into buffer: inout ByteBuffer) {
        if !first { buffer.writeInteger(UInt8(ascii: ",")) }
        buffer.writeInteger(UInt8(ascii: "{"))
        for (i, field) in record.fields.enumerated() {
            if i > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            writeString(field.name, into: &buffer)
            buffer.writeInteger(UInt8(ascii: ":"))
            if let value = field.value {
                writeString(value, into: &buffer)
            } else {
                buffer.writeString("null")
            }
        }
        buffer.writeInteger(UInt8(ascii: "}"))
    }

    func writeString(_ text: String, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "\""))
        if phpStyle {
            for scalar in text.unicodeScalars {
                let v = scalar.value
                if v < 0x80 {
                    writeASCII(UInt8(v), into: &buffer)
                } else if v < 0x1_0000 {
                    writeUnicodeEscape(UInt16(v), into: &buffer)
                } else {
                    let u = v - 0x1_0000
                    writeUnicodeEscape(UInt16(0xD800 + (u >> 10)), into: &buffer)
                    writeUnicodeEscape(UInt16(0xDC00 + (u & 0x3FF)), into: &buffer)
                }
            }
        } else {
            for byte in text.utf8 {
                if byte < 0x80 { writeASCII(byte, into: &buffer) } else { buffer.writeInteger(byte) }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private func writeASCII(_ byte: UInt8, into buffer: inout ByteBuffer) {
        switch byte {
        case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
        case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
        case UInt8(ascii: "/") where phpStyle: buffer.writeStaticString("\\/")
        case 0x0A: buffer.writeStaticString("\\n")
        case 0x0D: buffer.writeStaticString("\\r")
        case 0x09: buffer.writeStaticString("\\t")
        case 0x08: buffer.writeStaticString("\\b")
        case 0x0C: buffer.writeStaticString("\\f")
        case ..<0x20: writeUnicodeEscape(UInt16(byte), into: &buffer)
        default: buffer.writeInteger(byte)
        }
    }

    private func writeUnicodeEscape(_ unit: UInt16, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("\\u")
        buffer.writeInteger(Self.hex[Int(unit >> 12)])
        buffer.writeInteger(Self.hex[Int(unit >> 8 & 0xF)])
        buffer.writeInteger(Self.hex[Int(unit >> 4 & 0xF)])
        buffer.writeInteger(Self.hex[Int(unit & 0xF)])
    }
}
