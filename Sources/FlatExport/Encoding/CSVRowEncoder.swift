/// Encodes rows as RFC 4180 CSV: a header row of the schema's columns, then one record a row,
/// CRLF line endings.
///
/// A field is quoted (with `"` doubled inside) when it holds `,`, `"`, CR or LF, or starts or
/// ends with a space or tab (readers that trim would change it otherwise). `.null` is an empty
/// unquoted field and `.text("")` is `""`, so the two stay distinguishable. `.number` and
/// `.json` are written as their text.
public struct CSVRowEncoder: Sendable {
    /// The columns, in header order.
    public let schema: FlatSchema
    private let header: [UInt8]

    /// - Parameter schema: the columns; `row[i]` is written under `schema.columns[i]`.
    public init(schema: FlatSchema) {
        self.schema = schema
        var header: [UInt8] = []
        for (index, name) in schema.columns.enumerated() {
            if index > 0 { header.append(UInt8(ascii: ",")) }
            Self.appendField(name, emptyIsQuoted: true, to: &header)
        }
        header.append(0x0D)
        header.append(0x0A)
        self.header = header
    }

    /// Appends the header row (column names, CRLF) to `out`.
    public func encodeHeader(into out: inout [UInt8]) {
        out.append(contentsOf: header)
    }

    /// Appends one record for `row` to `out`.
    ///
    /// - Parameters:
    ///   - row: values aligned with the schema; missing trailing values are empty (null) fields,
    ///     values past the schema's end are ignored.
    ///   - out: the buffer to append to; it is not cleared.
    public func encode(_ row: FlatRow, into out: inout [UInt8]) {
        let count = schema.columns.count
        for column in 0..<count {
            if column > 0 { out.append(UInt8(ascii: ",")) }
            guard column < row.count else { continue }
            switch row[column] {
            case .null:
                break
            case .text(let text):
                Self.appendField(text, emptyIsQuoted: true, to: &out)
            case .number(let text), .json(let text):
                Self.appendField(text, emptyIsQuoted: false, to: &out)
            }
        }
        out.append(0x0D)
        out.append(0x0A)
    }

    private static func appendField(_ text: String, emptyIsQuoted: Bool, to out: inout [UInt8]) {
        ByteAppending.withUTF8(text) { bytes in
            if bytes.isEmpty {
                if emptyIsQuoted {
                    out.append(UInt8(ascii: "\""))
                    out.append(UInt8(ascii: "\""))
                }
                return
            }
            guard needsQuotes(bytes) else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(UInt8(ascii: "\""))
            var runStart = 0
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\"") {
                // Copy through the quote, then write it a second time: `"` becomes `""`.
                ByteAppending.appendRun(bytes, runStart, index + 1, to: &out)
                out.append(UInt8(ascii: "\""))
                runStart = index + 1
            }
            ByteAppending.appendRun(bytes, runStart, bytes.count, to: &out)
            out.append(UInt8(ascii: "\""))
        }
    }

    @inline(__always)
    private static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = bytes[0]
        let last = bytes[bytes.count - 1]
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "\""), 0x0D, 0x0A: return true
            default: continue
            }
        }
        return false
    }
}
