import WolkvoxAPI
import Yams

extension PipelineReader {
    static let transformKeys = ["fields", "drop", "rename", "on_error", "explode"]
    static let loadKeys = ["root", "format", "compression", "gzip_level", "max_records_per_file", "s3"]

    /// `transform:`; field names are checked against `report` when it is known.
    mutating func transform(_ node: Node, report: ReportSpec?) -> Pipeline.Transform? {
        let before = problems.count
        guard let e = entries(node, "transform", allowed: Self.transformKeys) else { return nil }
        var result = Pipeline.Transform()
        let catalog = report?.fields.map(\.name) ?? []
        let types = FieldType.allCases.map(\.rawValue)

        if let n = e["fields"] {
            if case .mapping(let mapping) = n {
                for (key, value) in mapping {
                    guard let name = key.scalar?.string, !name.isEmpty else {
                        problem(key, "transform.fields", "field names must be plain words, got \(Self.kind(of: key))")
                        continue
                    }
                    let path = "transform.fields." + name
                    guard let text = string(value, path) else { continue }
                    guard let type = FieldType(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
                        problem(value, path, "unknown type \(Self.quote(text))" + Suggestions.allowed(text, in: types))
                        continue
                    }
                    result.fields[name] = type
                }
            } else {
                problem(n, "transform.fields", "expected a mapping of field: type, got \(Self.kind(of: n))")
            }
        }
        // A field declared in `fields` may be dropped or renamed like a catalog field.
        let known = catalog + result.fields.keys.filter { !catalog.contains($0) }.sorted()

        if let n = e["drop"], let list = stringList(n, "transform.drop") {
            for (name, item) in list {
                guard known.contains(name) else {
                    unknownField(name, item, "transform.drop", report: report, known: known)
                    continue
                }
                if !result.drop.contains(name) { result.drop.append(name) }
            }
        }
        if let n = e["rename"] {
            if case .mapping(let mapping) = n {
                for (key, value) in mapping {
                    let name = key.scalar?.string ?? ""
                    let path = "transform.rename." + name
                    guard known.contains(name) else {
                        unknownField(name, key, "transform.rename", report: report, known: known)
                        continue
                    }
                    guard let target = string(value, path) else { continue }
                    guard !target.isEmpty, target.trimmingCharacters(in: .whitespaces) == target else {
                        problem(value, path, "expected a column name, got \(Self.quote(target))")
                        continue
                    }
                    if result.drop.contains(name) {
                        problem(key, path, "is dropped; drop it or rename it, not both")
                        continue
                    }
                    result.rename[name] = target
                }
            } else {
                problem(n, "transform.rename", "expected a mapping of field: new_name, got \(Self.kind(of: n))")
            }
        }
        checkColumns(result, known: known, at: e["rename"], report: report)
        if let n = e["explode"], let name = string(n, "transform.explode") {
            if let report { checkExplode(name, n, result, report: report) }
            result.explode = name
        }
        if let n = e["on_error"], let value = choice(n, "transform.on_error", Pipeline.OnError.self) {
            result.onError = value
        }
        return problems.count == before ? result : nil
    }

    private mutating func unknownField(_ name: String, _ node: Node, _ path: String, report: ReportSpec?, known: [String]) {
        guard report != nil else { return }  // the unknown report is already a problem
        problem(node, path + "." + name, "unknown field of \(report?.name ?? "")" + Suggestions.allowed(name, in: known))
    }

    /// `transform.explode` must name a nested array of the report, landed nested.
    private mutating func checkExplode(_ name: String, _ node: Node, _ t: Pipeline.Transform, report: ReportSpec) {
        let path = "transform.explode"
        let arrays = report.fields.filter { $0.nesting?.isArray == true }.map(\.name)
        let listed = "nested arrays of \(report.name): " + arrays.joined(separator: ", ")
        let choices =
            if arrays.isEmpty { "; \(report.name) has no nested array to explode" }
            else if let near = Suggestions.closest(to: name, in: arrays) { "; did you mean '\(near)'? (\(listed))" }
            else { "; " + listed }
        guard let field = report.field(named: name) else {
            problem(node, path, "unknown field \(Self.quote(name)) of \(report.name)" + choices)
            return
        }
        guard field.nesting?.isArray == true else {
            problem(node, path, "\(Self.quote(name)) is not a nested array (it is \(field.nesting == nil ? field.type.rawValue : "one object"))" + choices)
            return
        }
        if t.drop.contains(name) {
            problem(node, path, "\(Self.quote(name)) is dropped; drop it or explode it, not both")
        } else if let type = t.fields[name] {
            problem(node, path, "\(Self.quote(name)) is typed \(type.rawValue) in transform.fields, which lands it flat; remove that to explode it")
        }
    }

    /// Output columns must stay unique after renames.
    private mutating func checkColumns(_ t: Pipeline.Transform, known: [String], at node: Node?, report: ReportSpec?) {
        var seen: [String: String] = [:]
        // A snapshot without dates gets the poll's time as a column of its own.
        if report?.dayOf == .runDay { seen[RecordTransformer.snapshotColumn] = "the snapshot's time" }
        for name in known where !t.drop.contains(name) {
            let column = t.rename[name] ?? name
            if let other = seen[column] {
                problem(node, "transform.rename", "two fields would land as column '\(column)': \(other) and \(name)")
            }
            seen[column] = name
        }
    }

    /// `load:`.
    mutating func load(_ node: Node) -> Pipeline.Load? {
        let before = problems.count
        guard let e = entries(node, "load", allowed: Self.loadKeys) else { return nil }
        var result = Pipeline.Load()
        if let n = e["root"], let root = string(n, "load.root") {
            if root.trimmingCharacters(in: .whitespaces).isEmpty {
                problem(n, "load.root", "is empty; give the landing directory, e.g. out")
            } else {
                result.root = root
            }
        }
        if let n = e["format"], let list = stringList(n, "load.format") {
            var formats: [Pipeline.Format] = []
            for (_, item) in list {
                guard let format = choice(item, "load.format", Pipeline.Format.self) else { continue }
                if formats.contains(format) {
                    problem(item, "load.format", "'\(format.rawValue)' is listed twice")
                } else {
                    formats.append(format)
                }
            }
            if list.isEmpty { problem(n, "load.format", "is empty; allowed: ndjson, csv") }
            result.formats = formats
        }
        if let n = e["compression"], let value = choice(n, "load.compression", Pipeline.Compression.self) {
            result.compression = value
        }
        if let n = e["gzip_level"] {
            result.gzipLevel = int(n, "load.gzip_level", range: 1...9, rule: "must be 1 to 9") ?? result.gzipLevel
        }
        if let n = e["max_records_per_file"] {
            result.maxRecordsPerFile =
                int(n, "load.max_records_per_file", range: 1...100_000_000, rule: "must be at least 1")
                ?? result.maxRecordsPerFile
        }
        objectStorage(e, into: &result)
        return problems.count == before ? result : nil
    }
}
