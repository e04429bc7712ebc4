import FlatExport
import WolkvoxAPI

/// A value inside a nested field that does not coerce.
struct NestedFailure: Error, Sendable {
    /// Where inside the field: `[2].hour`, `.calls`, or empty for the field itself.
    var path: String
    /// What the API sent there, as text.
    var value: String
    var reason: String
}

/// Types nested values (``NestedShape``) with the transform's coercions.
struct NestedCoercion: Sendable {
    let offsets: ZoneOffsets
    /// `on_error: null`: a value that does not coerce becomes null instead of failing the record.
    let nullsBadValues: Bool

    /// The field's value from the record's text.
    func value(_ text: String, _ shape: NestedShape) throws(NestedFailure) -> FlatValue {
        if Coercion.isBlankOrPlaceholder(text) { return .null }
        guard let tree = RawJSON(parsing: text) else { return try mismatch(text, shape, path: "") }
        return try value(tree, shape, path: "")
    }

    private func value(_ tree: RawJSON, _ shape: NestedShape, path: String) throws(NestedFailure) -> FlatValue {
        switch tree {
        case .null:
            return .null
        case .string(let text):
            // A nested value sent as a string holding its JSON: read what the string holds.
            if Coercion.isBlankOrPlaceholder(text) { return .null }
            guard let inner = RawJSON(parsing: text), !Self.isString(inner) else { return try mismatch(text, shape, path: path) }
            return try value(inner, shape, path: path)
        case .array(let elements) where shape.isArray:
            var out: [FlatValue] = []
            out.reserveCapacity(elements.count)
            for (i, element) in elements.enumerated() {
                let at = path + "[\(i)]"
                switch element {
                case .null: out.append(.null)
                case .object(let members): out.append(try object(members, shape, path: at))
                case _ where shape.names.isEmpty: out.append(Self.passThrough(element))
                default: throw NestedFailure(path: at, value: Self.text(element), reason: "not a JSON object")
                }
            }
            return .array(out)
        case .object(let members) where !shape.isArray:
            return try object(members, shape, path: path)
        default:
            return try mismatch(Self.text(tree), shape, path: path)
        }
    }

    private func object(_ members: [RawJSON.Member], _ shape: NestedShape, path: String) throws(NestedFailure) -> FlatValue {
        var values = [FlatValue](repeating: .null, count: shape.names.count)
        var unknown: [FlatMember] = []
        for (position, member) in members.enumerated() {
            guard let slot = shape.slot(of: member.name, at: position) else {
                unknown.append(FlatMember(member.name, Self.passThrough(member.value)))
                continue
            }
            values[slot] = try field(member.value, slot: slot, of: shape, path: path + "." + member.name)
        }
        var out: [FlatMember] = []
        out.reserveCapacity(values.count + unknown.count)
        for (name, value) in zip(shape.names, values) { out.append(FlatMember(name, value)) }
        return .object(out + unknown)
    }

    private func field(_ tree: RawJSON, slot: Int, of shape: NestedShape, path: String) throws(NestedFailure) -> FlatValue {
        if let child = shape.children[slot] { return try value(tree, child, path: path) }
        let type = shape.types[slot]
        let text: String
        switch tree {
        case .null: return .null
        case .string(let string): text = string
        case .literal(let literal): text = literal
        case .array, .object:
            // Text keeps whatever came; a number or a time cannot be a container.
            if type == .string { return Self.passThrough(tree) }
            text = Self.text(tree)
            return try bad(text, type, path: path)
        }
        if let typed = Coercion.typed(text, type, offsets) { return typed }
        return try bad(text, type, path: path)
    }

    private func bad(_ text: String, _ type: FieldType, path: String) throws(NestedFailure) -> FlatValue {
        if nullsBadValues { return .null }
        throw NestedFailure(path: path, value: text, reason: Coercion.reason(type, text))
    }

    private func mismatch(_ text: String, _ shape: NestedShape, path: String) throws(NestedFailure) -> FlatValue {
        if nullsBadValues { return .null }
        let shown = text.count > 80 ? String(text.prefix(77)) + "..." : text
        throw NestedFailure(path: path, value: text, reason: "not a JSON \(shape.isArray ? "array" : "object"): '\(shown)'")
    }

    /// A value the catalog does not describe, kept as received: strings as text, numbers and
    /// booleans as their literal.
    static func passThrough(_ tree: RawJSON) -> FlatValue {
        switch tree {
        case .null: .null
        case .string(let text): .text(text)
        case .literal(let literal): .json(literal)
        case .array(let elements): .array(elements.map(passThrough))
        case .object(let members): .object(members.map { FlatMember($0.name, passThrough($0.value)) })
        }
    }

    /// A value as the text a reject shows: a string's own text, JSON for the rest.
    static func text(_ tree: RawJSON) -> String {
        if case .string(let text) = tree { return text }
        return tree.jsonText
    }

    private static func isString(_ tree: RawJSON) -> Bool {
        if case .string = tree { return true }
        return false
    }
}
