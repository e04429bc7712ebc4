/// Encodes rows as RFC 4180 CSV: a header row of the schema's columns, then one record a row,
/// CRLF line endings.
///
/// A field is quoted (with `"` doubled inside) when it holds `,`, `"`, CR or LF, or starts or
/// ends with a space or tab (readers that trim would change it otherwise). `.null` is an empty
/// unquoted field and `.text("")` is `""`, so the two stay distinguishable. `.number` and
/// `.json` are written as their text; `.array` and `.object` as their JSON text (the same text
/// NDJSON holds), quoted like any other field.
package struct CSVRowEncoder: Sendable {
    /// The columns, in header order.
    package let schema: FlatSchema
    private let header: [UInt8]

    /// - Parameter schema: the columns; `row[i]` is written under `schema.columns[i]`.
    package init(schema: FlatSchema) {
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
    package func encodeHeader(into out: inout [UInt8]) {
        out.append(contentsOf: header)
    }

    /// Appends one record for `row` to `out`.
    ///
    /// - Parameters:
    ///   - row: values aligned with the schema; missing trailing values are empty (null) fields,
    ///     values past the schema's end are ignored.
    ///   - out: the buffer to append to; it is not cleared.
    package func encode(_ row: FlatRow, into out: inout [UInt8]) {
        var builder = ByteBuilder(capacity: 1024)
        defer { builder.release() }
        encode(row, into: &builder)
        out.append(contentsOf: builder.bytes)
    }

    func encode(_ row: FlatRow, into out: inout ByteBuilder) {
        let count = schema.columns.count
        row.withUnsafeBufferPointer { values in
            for column in 0..<count {
                Self.appendSeparator(column, to: &out)
                guard column < values.count else { continue }
                switch values[column] {
                case .null:
                    break
                case .text(let text):
                    ByteAppending.withUTF8(text) { Self.appendField($0, emptyIsQuoted: true, to: &out) }
                case .number(let text), .json(let text):
                    ByteAppending.withUTF8(text) { Self.appendField($0, emptyIsQuoted: false, to: &out) }
                case .array, .object:
                    var json = ByteBuilder(capacity: 256)
                    defer { json.release() }
                    NestedJSON.append(values[column], to: &json)
                    json.bytes.withMemoryRebound(to: UInt8.self) { Self.appendField($0, emptyIsQuoted: false, to: &out) }
                }
            }
        }
        Self.appendEnd(to: &out)
    }

    /// The comma before every field but the first.
    @inline(__always)
    static func appendSeparator(_ column: Int, to out: inout ByteBuilder) {
        if column > 0 { out.append(UInt8(ascii: ",")) }
    }

    /// CRLF.
    @inline(__always)
    static func appendEnd(to out: inout ByteBuilder) {
        out.reserve(2)
        out.appendReserved(0x0D)
        out.appendReserved(0x0A)
    }

    func encodeHeader(into out: inout ByteBuilder) {
        out.append(header)
    }

    private static func appendField(_ text: String, emptyIsQuoted: Bool, to out: inout [UInt8]) {
        var builder = ByteBuilder(capacity: text.utf8.count * 2 + 2)
        defer { builder.release() }
        ByteAppending.withUTF8(text) { appendField($0, emptyIsQuoted: emptyIsQuoted, to: &builder) }
        out.append(contentsOf: builder.bytes)
    }

    static func appendField(_ bytes: UnsafeBufferPointer<UInt8>, emptyIsQuoted: Bool, to out: inout ByteBuilder) {
        if bytes.isEmpty {
            if emptyIsQuoted {
                out.append(UInt8(ascii: "\""))
                out.append(UInt8(ascii: "\""))
            }
            return
        }
        guard needsQuotes(bytes) else {
            out.append(bytes)
            return
        }
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\"") {
            // Copy through the quote, then write it a second time: `"` becomes `""`.
            out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<(index + 1)]))
            out.append(UInt8(ascii: "\""))
            runStart = index + 1
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = bytes[0]
        let last = bytes[bytes.count - 1]
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
        let p = bytes.baseAddress!
        var i = 0
        while i + 8 <= bytes.count {
            let w = SWAR.load(p + i)
            let hit = SWAR.equal(w, UInt8(ascii: ",")) | SWAR.equal(w, UInt8(ascii: "\"")) | SWAR.equal(w, 0x0D)
                | SWAR.equal(w, 0x0A)
            if hit != 0 { return true }
            i += 8
        }
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: ","), UInt8(ascii: "\""), 0x0D, 0x0A: return true
            default: i += 1
            }
        }
        return false
    }
}
