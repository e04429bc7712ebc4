/// `${VAR}` and `${VAR:-default}` in pipeline values, from an injected environment.
///
/// Substitution happens on parsed scalar values, never on the YAML text, so a variable's value
/// cannot change the file's structure. `$${` writes a literal `${`.
enum EnvironmentSubstitution {
    enum Failure: Error, Equatable {
        /// The variable is unset and has no `:-default`.
        case unset(String)
        /// `${` without a closing `}`, or a name that is not `[A-Za-z_][A-Za-z0-9_]*`.
        case malformed(String)
    }

    /// Whether `text` refers to any variable (so its value may hold a secret).
    static func mentionsVariable(_ text: String) -> Bool { text.contains("${") }

    static func substitute(_ text: String, environment: [String: String]) throws(Failure) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[dollar...].dropFirst()
            if after.hasPrefix("${") {
                result += "${"
                rest = after.dropFirst(2)
                continue
            }
            guard after.hasPrefix("{") else {
                result += "$"
                rest = after
                continue
            }
            let body = after.dropFirst()
            guard let close = body.firstIndex(of: "}") else {
                throw .malformed("'${' has no closing '}'")
            }
            let inner = body[..<close]
            let name: Substring
            let fallback: Substring?
            if let range = inner.range(of: ":-") {
                name = inner[..<range.lowerBound]
                fallback = inner[range.upperBound...]
            } else {
                name = inner
                fallback = nil
            }
            guard isVariableName(name) else {
                throw .malformed("'${\(inner)}' is not a variable reference; names are letters, digits and '_'")
            }
            if let value = environment[String(name)], !(fallback != nil && value.isEmpty) {
                result += value
            } else if let fallback {
                result += fallback
            } else {
                throw .unset(String(name))
            }
            rest = body[close...].dropFirst()
        }
        result += rest
        return result
    }

    private static func isVariableName(_ name: Substring) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || ($0 >= 48 && $0 <= 57) }
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
}
