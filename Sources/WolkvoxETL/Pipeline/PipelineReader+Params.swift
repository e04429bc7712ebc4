import Foundation
import WolkvoxAPI
import Yams

extension PipelineReader {
    /// `source.params`: each of the report's parameters as a value, `all`, or a list (one call
    /// per value). A required parameter that is missing is a problem here, before any call:
    /// the API would answer 400 SOME PARAMETERS ARE REQUIRED on every one.
    mutating func params(_ e: Entries, report: ReportSpec?) -> [String: [String]] {
        guard let report else { return [:] }
        var values: [String: [String]] = [:]
        if let node = e["params"] {
            let names = report.parameters.map(\.name)
            guard !names.isEmpty else {
                problem(node, "source.params", "\(report.name) takes no parameters; remove source.params")
                return [:]
            }
            if let entries = entries(node, "source.params", allowed: names) {
                for (name, pair) in entries.values {
                    let path = "source.params." + name
                    guard let list = scalarList(pair.value, path) else { continue }
                    let texts = list.map { $0.trimmingCharacters(in: .whitespaces) }
                    if texts.isEmpty || texts.contains(where: \.isEmpty) {
                        problem(pair.value, path, "needs a value, `all` or a list of values")
                        continue
                    }
                    if Set(texts).count != texts.count {
                        problem(pair.value, path, "lists a value twice; each value is one call")
                        continue
                    }
                    values[name] = texts
                }
            }
        }
        for parameter in report.requiredParameters where values[parameter.name] == nil {
            let path = "source.params." + parameter.name
            // A value given but refused above has its own problem already.
            guard !problems.contains(where: { $0.keyPath == path }) else { continue }
            let what = parameter.summary.isEmpty ? "as the API names it" : parameter.summary
            problem(
                at: (e["params"] ?? e["report"])?.mark, path,
                "missing; \(report.name) requires it (\(what)), e.g. params: { \(parameter.name): \(Self.example(parameter.name)) }")
        }
        return values
    }

    /// Numbers and strings alike (ids are text); a single value is a list of one.
    private mutating func scalarList(_ node: Node, _ path: String) -> [String]? {
        switch node {
        case .scalar:
            return text(node, path, expected: "a value or a list").map { [$0] }
        case .sequence(let sequence):
            var result: [String] = []
            for item in sequence {
                guard let text = text(item, path, expected: "a value") else { return nil }
                result.append(text)
            }
            return result
        default:
            problem(node, path, "expected a value or a list of values, got \(Self.kind(of: node))")
            return nil
        }
    }

    private static func example(_ name: String) -> String {
        switch name {
        case "skill_id", "cod_act": "all"
        case "campaign_id", "agent_id": "[12, 14]"
        default: "VALUE"
        }
    }
}
