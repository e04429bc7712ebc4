import WolkvoxAPI

/// Writes the API's JSON compactly, like PHP's `json_encode`, into a byte array that the server
/// hands to the socket in chunks (one `ByteBuffer` copy per chunk, not per byte: NIO's generic
/// writes are slow in debug builds, which the tests run).
struct JSONWriter {
    /// Escape non-ASCII as `\uXXXX` (surrogate pairs above U+FFFF) and `/` as `\/`.
    var phpStyle: Bool

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// The envelope up to the opening bracket of `data`.
    func writeHead(count: Int, into out: inout [UInt8]) {
        out.append(contentsOf: #"{"code":"200","error":null,"msg":"#.utf8)
        writeString(MockRules.foundMessage(count), into: &out)
        out.append(contentsOf: #","data":["#.utf8)
    }

    func writeTail(into out: inout [UInt8]) {
        out.append(contentsOf: "]}".utf8)
    }

    /// The head of a report's envelope: `data` as a list or as one object, or campaign_15's
    /// `records` beside `total_records` and `campaign_id` (whose `code` is a number).
    func writeHead(count: Int, envelope: ReportEnvelope, campaignID: String?, into out: inout [UInt8]) {
        switch envelope {
        case .list:
            writeHead(count: count, into: &out)
        case .object:
            out.append(contentsOf: #"{"code":"200","error":null,"msg":"#.utf8)
            writeString(MockRules.foundMessage(count), into: &out)
            out.append(contentsOf: #","data":"#.utf8)
        case .records:
            out.append(contentsOf: #"{"code":200,"total_records":"#.utf8)
            out.append(contentsOf: String(count).utf8)
            out.append(contentsOf: #","campaign_id":"#.utf8)
            writeString(campaignID ?? "", into: &out)
            out.append(contentsOf: #","records":["#.utf8)
        }
    }

    func writeTail(envelope: ReportEnvelope, into out: inout [UInt8]) {
        out.append(contentsOf: (envelope == .object ? "}" : "]}").utf8)
    }

    /// - Parameter raw: fields whose value is JSON text (nested arrays and objects), written as is.
    func writeRecord(_ record: RawRecord, first: Bool, raw: Set<String> = [], into out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "{"))
        for (i, field) in record.fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            writeString(field.name, into: &out)
            out.append(UInt8(ascii: ":"))
            if let value = field.value, !raw.isEmpty, raw.contains(field.name) {
                out.append(contentsOf: value.utf8)
            } else if let value = field.value {
                writeString(value, into: &out)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            if !bytes.contains(where: needsEscape) {
                out.append(contentsOf: bytes)
            } else if phpStyle {
                writeEscapedScalars(String(decoding: bytes, as: UTF8.self), into: &out)
            } else {
                for byte in bytes {
                    if byte < 0x80 { writeASCII(byte, into: &out) } else { out.append(byte) }
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
            || (phpStyle && (byte >= 0x80 || byte == UInt8(ascii: "/")))
    }

    private func writeEscapedScalars(_ text: String, into out: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                writeASCII(UInt8(v), into: &out)
            } else if v < 0x1_0000 {
                writeUnicodeEscape(UInt16(v), into: &out)
            } else {
                let u = v - 0x1_0000
                writeUnicodeEscape(UInt16(0xD800 + (u >> 10)), into: &out)
                writeUnicodeEscape(UInt16(0xDC00 + (u & 0x3FF)), into: &out)
            }
        }
    }

    private func writeASCII(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
        case UInt8(ascii: "/") where phpStyle: out.append(contentsOf: #"\/"#.utf8)
        case 0x0A: out.append(contentsOf: #"\n"#.utf8)
        case 0x0D: out.append(contentsOf: #"\r"#.utf8)
        case 0x09: out.append(contentsOf: #"\t"#.utf8)
        case 0x08: out.append(contentsOf: #"\b"#.utf8)
        case 0x0C: out.append(contentsOf: #"\f"#.utf8)
        case ..<0x20: writeUnicodeEscape(UInt16(byte), into: &out)
        default: out.append(byte)
        }
    }

    private func writeUnicodeEscape(_ unit: UInt16, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "u"))
        out.append(Self.hex[Int(unit >> 12)])
        out.append(Self.hex[Int(unit >> 8 & 0xF)])
        out.append(Self.hex[Int(unit >> 4 & 0xF)])
        out.append(Self.hex[Int(unit & 0xF)])
    }
}
