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
        prefixBytes.withUnsafeBufferPointer { prefixes in
            prefixEnds.withUnsafeBufferPointer { ends in
                row.withUnsafeBufferPointer { values in
                    if ends.isEmpty { out.append(UInt8(ascii: "{")) }
                    var start = 0
                    for column in 0..<ends.count {
                        out.append(UnsafeBufferPointer(rebasing: prefixes[start..<ends[column]]))
                        start = ends[column]
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
                            // An empty literal would make the line invalid JSON; it can only mean "no value".
                            if literal.isEmpty { Self.appendNull(to: &out) } else { ByteAppending.appendUTF8(literal, to: &out) }
                        case .array, .object:
                            NestedJSON.append(values[column], to: &out)
                        }
                    }
                    var first = ends.isEmpty
                    for (name, value) in extras {
                        if !first { out.append(UInt8(ascii: ",")) }
                        first = false
                        JSONText.appendQuoted(name, to: &out)
                        out.append(UInt8(ascii: ":"))
                        JSONText.appendQuoted(value, to: &out)
                    }
                    out.reserve(2)
                    out.appendReserved(UInt8(ascii: "}"))
                    out.appendReserved(UInt8(ascii: "\n"))
                }
            }
        }
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
