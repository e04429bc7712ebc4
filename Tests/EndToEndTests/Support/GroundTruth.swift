import Foundation
import WolkvoxAPI

/// Compares what a run landed with the mock's ground truth, as multisets: a lost record is
/// "missing", a duplicated or invented one is "extra".
enum GroundTruth {
    static func difference(truth: [RawRecord], landed: [(dt: String, row: [String: Any])], report: ReportSpec)
        -> (missing: [String], extra: [String])
    {
        let expected = truth.map { record in
            identity(Dictionary(record.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }), report: report)
        }
        return multisetDifference(expected: expected, got: landed.map { identity(landed: $0.row, report: report) })
    }

    /// The identity of a record, the same whether read from the API or from a landed row.
    static func identity(_ fields: [String: String?], report: ReportSpec) -> String {
        report.fields.map { field -> String in
            guard let value = fields[field.name] ?? nil else { return "∅" }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return "∅" }
            switch field.type {
            case .timestamp: return String(trimmed.prefix(19)).replacingOccurrences(of: "T", with: " ")
            case .string: return value
            // The API's own forms, read here independently of the transform: `hh:mm:ss` is
            // seconds, `"34.64 %"` is 34.64.
            case .duration where trimmed.contains(":"):
                let parts = trimmed.split(separator: ":").compactMap { Double($0) }
                guard parts.count == 3 else { return trimmed }
                return "\(parts[0] * 3600 + parts[1] * 60 + parts[2])"
            case .percent where trimmed.hasSuffix("%"):
                let number = trimmed.dropLast().trimmingCharacters(in: .whitespaces)
                return Double(number).map { "\($0)" } ?? trimmed
            // Foundation reads JSON numbers as doubles; exact digits are checked on the raw lines.
            default: return Double(trimmed).map { "\($0)" } ?? trimmed
            }
        }.joined(separator: "|")
    }

    static func identity(landed row: [String: Any], report: ReportSpec) -> String {
        var fields: [String: String?] = [:]
        for field in report.fields {
            switch row[field.name] {
            case let s as String: fields[field.name] = s
            case let n as NSNumber: fields[field.name] = "\(n.doubleValue)"
            default: fields[field.name] = .some(nil)
            }
        }
        return identity(fields, report: report)
    }

    /// What `expected` has that `got` lacks, and the reverse, counting repeats (a duplicate is an extra).
    static func multisetDifference(expected: [String], got: [String]) -> (missing: [String], extra: [String]) {
        var counts: [String: Int] = [:]
        for e in expected { counts[e, default: 0] += 1 }
        for g in got { counts[g, default: 0] -= 1 }
        var missing: [String] = []
        var extra: [String] = []
        for (key, n) in counts where n != 0 {
            if n > 0 { missing += Array(repeating: key, count: n) } else { extra += Array(repeating: key, count: -n) }
        }
        return (missing.sorted(), extra.sorted())
    }

}
