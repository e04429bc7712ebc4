import Foundation
import Yams

/// Walks a composed YAML tree and collects every problem instead of stopping at the first,
/// so one `validate` shows the user everything to fix.
struct PipelineReader {
    /// The keys of one mapping, checked against the allowed set.
    struct Entries {
        var path: String
        var mark: Mark?
        var values: [String: (key: Node, value: Node)] = [:]

        subscript(key: String) -> Node? { values[key]?.value }
    }

    let file: String
    let environment: [String: String]
    var problems: [PipelineError.Problem] = []

    init(file: String, environment: [String: String]) {
        self.file = file
        self.environment = environment
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    mutating func problem(at mark: Mark?, _ path: String, _ message: String) {
        problems.append(.init(file: file, line: mark?.line, column: mark?.column, keyPath: path, message: message))
    }

    mutating func problem(_ node: Node?, _ path: String, _ message: String) {
        problem(at: node?.mark, path, message)
    }

    /// `'value'`, shortened so a pasted blob does not flood the terminal.
    static func quote(_ text: String) -> String {
        text.count > 60 ? "'\(text.prefix(57))...'" : "'\(text)'"
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let s): isNull(s) ? "nothing" : quote(s.string)
        case .alias: "an alias"
        }
    }

    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The mapping's entries; unknown keys are problems with a suggestion and the allowed list.
    mutating func entries(_ node: Node, _ path: String, allowed: [String]) -> Entries? {
        guard case .mapping(let mapping) = node else {
            problem(node, path, "expected a mapping of keys (\(allowed.joined(separator: ", "))), got \(Self.kind(of: node))")
            return nil
        }
        var entries = Entries(path: path, mark: mapping.mark)
        for (key, value) in mapping {
            guard case .scalar(let k) = key else {
                problem(key, path, "keys must be plain words, got \(Self.kind(of: key))")
                continue
            }
            guard allowed.contains(k.string) else {
                problem(key, Self.join(path, k.string), "unknown key" + Suggestions.allowed(k.string, in: allowed))
                continue
            }
            entries.values[k.string] = (key, value)
        }
        return entries
    }

    /// Reports a missing required key at its parent mapping.
    mutating func missing(_ entries: Entries, _ key: String, _ hint: String) {
        problem(at: entries.mark, Self.join(entries.path, key), "missing; \(hint)")
    }

    /// The scalar's text after `${VAR}` substitution, or nil after a problem.
    mutating func text(_ node: Node, _ path: String, expected: String) -> String? {
        guard case .scalar(let scalar) = node, !Self.isNull(scalar) else {
            problem(node, path, "expected \(expected), got \(Self.kind(of: node))")
            return nil
        }
        do throws(EnvironmentSubstitution.Failure) {
            return try EnvironmentSubstitution.substitute(scalar.string, environment: environment)
        } catch {
            switch error {
            case .unset(let name):
                problem(node, path, "environment variable \(name) is not set; export it, or write ${\(name):-default}")
            case .malformed(let reason):
                problem(node, path, reason)
            }
        }
        return nil
    }

    mutating func string(_ node: Node, _ path: String) -> String? {
        text(node, path, expected: "a string")
    }

    mutating func int(_ node: Node, _ path: String, range: ClosedRange<Int>, rule: String) -> Int? {
        guard let text = text(node, path, expected: "an integer") else { return nil }
        guard let value = Self.parseInt(text) else {
            problem(node, path, "expected an integer, got \(Self.quote(text))")
            return nil
        }
        guard range.contains(value) else {
            problem(node, path, "\(rule), got \(value)")
            return nil
        }
        return value
    }

    static func parseInt(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 43 }) else { return nil }
        return Int(t)
    }

    /// `60s`, `1s`, `500ms`, `5m`, `1h`.
    mutating func duration(_ node: Node, _ path: String, range: ClosedRange<Duration>, rule: String) -> Duration? {
        guard let text = text(node, path, expected: "a duration") else { return nil }
        guard let value = Self.parseDuration(text) else {
            problem(node, path, "expected a duration like 500ms, 60s, 5m or 1h, got \(Self.quote(text))")
            return nil
        }
        guard range.contains(value) else {
            problem(node, path, "\(rule), got \(text)")
            return nil
        }
        return value
    }

    static func parseDuration(_ text: String) -> Duration? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9, let n = Int64(digits) else { return nil }
        switch t.dropFirst(digits.count) {
        case "ms": return .milliseconds(n)
        case "s": return .seconds(n)
        case "m": return .seconds(n * 60)
        case "h": return .seconds(n * 3600)
        default: return nil
        }
    }

    /// One of an enum's raw values.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ node: Node, _ path: String, _: E.Type) -> E?
    where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        // `on_error: null` is YAML's null, but the user meant the word.
        if case .scalar(let s) = node, Self.isNull(s), s.string.lowercased() == "null", let value = E(rawValue: "null") {
            return value
        }
        guard let text = text(node, path, expected: "one of \(allowed.joined(separator: ", "))") else { return nil }
        if let value = E(rawValue: text.trimmingCharacters(in: .whitespaces)) { return value }
        problem(node, path, "unknown value \(Self.quote(text))" + Suggestions.allowed(text, in: allowed))
        return nil
    }

    /// A list of strings; a single string is a list of one.
    mutating func stringList(_ node: Node, _ path: String) -> [(String, Node)]? {
        switch node {
        case .scalar:
            return string(node, path).map { [($0, node)] }
        case .sequence(let sequence):
            var result: [(String, Node)] = []
            for item in sequence {
                if let text = string(item, path) { result.append((text, item)) }
            }
            return result
        default:
            problem(node, path, "expected a list of strings, got \(Self.kind(of: node))")
            return nil
        }
    }
}
