/// A nested cell (``FlatValue/array(_:)``, ``FlatValue/object(_:)``) as compact JSON: the value of
/// an NDJSON key, and the text of a CSV cell, so both formats hold the same JSON.
enum NestedJSON {
    static func append(_ value: FlatValue, to out: inout ByteBuilder) {
        switch value {
        case .null:
            NDJSONRowEncoder.appendNull(to: &out)
        case .text(let text):
            JSONText.appendQuoted(text, to: &out)
        case .number(let literal), .json(let literal):
            if literal.isEmpty { NDJSONRowEncoder.appendNull(to: &out) } else { ByteAppending.appendUTF8(literal, to: &out) }
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                append(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendQuoted(member.name, to: &out)
                out.append(UInt8(ascii: ":"))
                append(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

extension FlatValue {
    /// The value as JSON text: what NDJSON writes for it, and what a CSV cell holds for a nested one.
    package var jsonText: String {
        var out = ByteBuilder(capacity: 64)
        defer { out.release() }
        NestedJSON.append(self, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
