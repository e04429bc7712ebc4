/// Encodes rows as NDJSON: one JSON object a line, keys in schema order.
///
/// `.text` becomes a JSON string, `.number` and `.json` are written verbatim (they are already
/// JSON), `.null` is `null`, `.array` and `.object` stay nested (``NestedJSON``). The encoded `"key":` of every column is computed once, so a row costs
/// only its values.
package struct NDJSONRowEncoder: Sendable {
    /// The columns, in key order.
    package let schema: FlatSchema
    /// `{"first":` then `,"next":` for each column, back to back in `prefixBytes`.
    private let prefixBytes: [UInt8]
    private let prefixEnds: [Int]

    /// - Parameter schema: the columns; `row[i]` is written under `schema.columns[i]`.
    package init(schema: FlatSchema) {
        self.schema = schema
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for (index, name) in schema.columns.enumerated() {
            bytes.append(index == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
            JSONText.appendQuoted(name, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            ends.append(bytes.count)
        }
        self.prefixBytes = bytes
        self.prefixEnds = ends
    }

    /// Appends one line (`{...}\n`) for `row` to `out`.
    ///
    /// - Parameters:
    ///   - row: values aligned with the schema; missing trailing values are written as `null`,
    ///     values past the schema's end are ignored.
    ///   - extras: further `(name, text)` pairs written after the schema's keys as JSON strings,
    ///     e.g. fields a source sent that the schema does not know.
    ///   - out: the buffer to append to; it is not cleared.
    package func encode(_ row: FlatRow, extras: [(String, String)] = [], into out: inout [UInt8]) {
        var builder = ByteBuilder(capacity: 1024)
        defer { builder.release() }
        encode(row, extras: extras, into: &builder)
        out.append(contentsOf: builder.bytes)
    }

    func encode(_ row: FlatRow, extras: [(String, String)], into out: inout ByteBuilder) {
        row.withUnsafeBufferPointer { values in
            if prefixEnds.isEmpty { out.append(UInt8(ascii: "{")) }
            for column in 0..<prefixEnds.count {
                appendKey(column, to: &out)
                guard column < values.count else {
                    Self.appendNull(to: &out)
                    continue
                }
                switch values[column] {
                case .null:
                    Self.appendNull(to: &out)
                case .text(let text):
                    JSONText.appendQuoted(text, to: &out)
                case .number(let literal), .json(let literal):
                    ByteAppending.withUTF8(literal) { Self.appendLiteral($0, to: &out) }
                case .array, .object:
                    NestedJSON.append(values[column], to: &out)
                }
            }
        }
        var first = prefixEnds.isEmpty
        for (name, value) in extras {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONText.appendQuoted(name, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONText.appendQuoted(value, to: &out)
        }
        Self.appendLineEnd(to: &out)
    }

    /// `{"name":` for the first column, `,"name":` for the others.
    @inline(__always)
    func appendKey(_ column: Int, to out: inout ByteBuilder) {
        prefixBytes.withUnsafeBufferPointer { prefixes in
            let start = column == 0 ? 0 : prefixEnds[column - 1]
            out.append(UnsafeBufferPointer(rebasing: prefixes[start..<prefixEnds[column]]))
        }
    }

    /// A number's (or embedded JSON's) text as is.
    @inline(__always)
    static func appendLiteral(_ literal: UnsafeBufferPointer<UInt8>, to out: inout ByteBuilder) {
        // An empty literal would make the line invalid JSON; it can only mean "no value".
        if literal.isEmpty { appendNull(to: &out) } else { out.append(literal) }
    }

    /// Ends a row whose keys were all written with `appendKey` (no extras).
    func appendEnd(to out: inout ByteBuilder) {
        if prefixEnds.isEmpty { out.append(UInt8(ascii: "{")) }
        Self.appendLineEnd(to: &out)
    }

    @inline(__always)
    static func appendLineEnd(to out: inout ByteBuilder) {
        out.reserve(2)
        out.appendReserved(UInt8(ascii: "}"))
        out.appendReserved(UInt8(ascii: "\n"))
    }

    @inline(__always)
    static func appendNull(to out: inout ByteBuilder) {
        out.reserve(4)
        out.appendReserved(UInt8(ascii: "n"))
        out.appendReserved(UInt8(ascii: "u"))
        out.appendReserved(UInt8(ascii: "l"))
        out.appendReserved(UInt8(ascii: "l"))
    }
}
