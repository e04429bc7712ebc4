/// Encodes rows as NDJSON: one JSON object a line, keys in schema order.
///
/// `.text` becomes a JSON string, `.number` and `.json` are written verbatim (they are already
/// JSON), `.null` is `null`. The encoded `"key":` of every column is computed once, so a row costs
/// only its values.
public struct NDJSONRowEncoder: Sendable {
    /// The columns, in key order.
    public let schema: FlatSchema
    /// `{"first":` then `,"next":` for each column.
    private let keyPrefixes: [[UInt8]]

    private static let nullLiteral: [UInt8] = Array("null".utf8)

    /// - Parameter schema: the columns; `row[i]` is written under `schema.columns[i]`.
    public init(schema: FlatSchema) {
        self.schema = schema
        self.keyPrefixes = schema.columns.enumerated().map { index, name in
            var prefix: [UInt8] = [index == 0 ? UInt8(ascii: "{") : UInt8(ascii: ",")]
            JSONText.appendQuoted(name, to: &prefix)
            prefix.append(UInt8(ascii: ":"))
            return prefix
        }
    }

    /// Appends one line (`{...}\n`) for `row` to `out`.
    ///
    /// - Parameters:
    ///   - row: values aligned with the schema; missing trailing values are written as `null`,
    ///     values past the schema's end are ignored.
    ///   - extras: further `(name, text)` pairs written after the schema's keys as JSON strings,
    ///     e.g. fields a source sent that the schema does not know.
    ///   - out: the buffer to append to; it is not cleared.
    public func encode(_ row: FlatRow, extras: [(String, String)] = [], into out: inout [UInt8]) {
        if keyPrefixes.isEmpty { out.append(UInt8(ascii: "{")) }
        for column in keyPrefixes.indices {
            out.append(contentsOf: keyPrefixes[column])
            appendValue(column < row.count ? row[column] : .null, to: &out)
        }
        var first = keyPrefixes.isEmpty
        for (name, value) in extras {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONText.appendQuoted(name, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONText.appendQuoted(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
    }

    @inline(__always)
    private func appendValue(_ value: FlatValue, to out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: Self.nullLiteral)
        case .text(let text):
            JSONText.appendQuoted(text, to: &out)
        case .number(let literal), .json(let literal):
            // An empty literal would make the line invalid JSON; it can only mean "no value".
            if literal.isEmpty {
                out.append(contentsOf: Self.nullLiteral)
            } else {
                ByteAppending.appendUTF8(literal, to: &out)
            }
        }
    }
}
