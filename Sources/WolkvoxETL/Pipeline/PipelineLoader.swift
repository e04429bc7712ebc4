import Foundation
import WolkvoxAPI
import Yams

/// Reads and validates pipeline files (`version: 1`).
///
/// Every key, its type and default (`${VAR}` and `${VAR:-default}` work in every value):
///
/// | key | type | default |
/// |---|---|---|
/// | `version` | `1` | required |
/// | `name` | `[A-Za-z0-9._-]`, no leading dot | required |
/// | `source.report` | a ``ReportCatalog`` name | required |
/// | `source.server` / `source.base_url` | `"0002"` / `https://...` (http only on loopback) | exactly one required |
/// | `source.token` | string (secret) | required |
/// | `source.timezone` | IANA zone | `America/Bogota` |
/// | `source.from`, `source.to` | `YYYY-MM-DD`, `today`, `yesterday`, `today-7d` | required; absent for `calls_last_10` |
/// | `source.lookback_days` | 0 ... 366 | 0 |
/// | `source.max_days_per_request` | 1 ... 31 | 31 |
/// | `source.max_records_per_request` | 1 ... 60000 | 60000 |
/// | `source.concurrency` | 1 ... 2 | 2 |
/// | `source.max_calls` | >= 1 | 1000 |
/// | `source.licenses` | >= 1 | none |
/// | `source.timeout` | `500ms`, `60s`, `5m`, `1h` | `60s` |
/// | `source.retry.attempts` / `base_delay` / `max_delay` | 1 ... 100 / duration / duration | 6 / `1s` / `60s` |
/// | `transform.fields` | field: `string`/`int`/`decimal`/`duration`/`timestamp` | catalog types |
/// | `transform.drop` | list of fields | none |
/// | `transform.rename` | field: column | none |
/// | `transform.on_error` | `reject`, `null`, `fail` | `reject` |
/// | `load.root` | directory | `out` |
/// | `load.format` | `ndjson`, `csv` or a list | `[ndjson]` |
/// | `load.compression` | `gzip`, `none` | `gzip` |
/// | `load.gzip_level` | 1 ... 9 | 6 |
/// | `load.max_records_per_file` | >= 1 | 1000000 |
package enum PipelineLoader {
    static let topKeys = ["version", "name", "source", "transform", "load"]

    /// Reads the pipeline file at `path`.
    /// - Parameters:
    ///   - path: The file; messages name it as given.
    ///   - environment: Values for `${VAR}`, usually `ProcessInfo.processInfo.environment`.
    /// - Throws: ``PipelineError`` with every problem found.
    package static func load(path: String, environment: [String: String]) throws(PipelineError) -> Pipeline {
        let yaml: String
        do {
            yaml = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file as UTF-8 text" : "no such file"
            throw PipelineError(problems: [.init(file: path, keyPath: "", message: reason)])
        }
        return try parse(yaml: yaml, file: path, environment: environment)
    }

    /// Parses and validates pipeline text.
    /// - Parameters:
    ///   - yaml: The pipeline file's text.
    ///   - file: The name used in messages.
    ///   - environment: Values for `${VAR}`.
    /// - Throws: ``PipelineError`` with every problem found.
    package static func parse(yaml: String, file: String, environment: [String: String]) throws(PipelineError) -> Pipeline {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw PipelineError(problems: [syntaxProblem(error, file: file)])
        }
        guard let root else {
            throw PipelineError(problems: [.init(file: file, keyPath: "", message: "the file is empty; see the example in DESIGN.md")])
        }
        var reader = PipelineReader(file: file, environment: environment)
        let pipeline = reader.pipeline(root)
        if pipeline == nil, reader.problems.isEmpty {
            reader.problems.append(.init(file: file, keyPath: "", message: "is not a valid pipeline"))
        }
        guard let pipeline, reader.problems.isEmpty else {
            throw PipelineError(problems: redacted(sorted(reader.problems), token: pipeline?.source.token, root: root, environment: environment))
        }
        var result = pipeline
        result.file = file
        return result
    }

    private static func syntaxProblem(_ error: any Error, file: String) -> PipelineError.Problem {
        guard let yamlError = error as? YamlError else {
            return .init(file: file, keyPath: "", message: "not valid YAML: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let where_ = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return .init(file: file, line: mark.line, column: mark.column, keyPath: "", message: "YAML syntax: \(problem)\(where_)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .init(
                file: file, line: context.mark.line, column: context.mark.column, keyPath: "",
                message: "key written twice: \(duplicates.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return .init(file: file, keyPath: "", message: "cannot read YAML: \(problem)")
        default:
            return .init(file: file, keyPath: "", message: "not valid YAML: \(yamlError)")
        }
    }

    private static func sorted(_ problems: [PipelineError.Problem]) -> [PipelineError.Problem] {
        problems.enumerated().sorted { a, b in
            let ka = (a.element.line ?? Int.max, a.element.column ?? 0, a.offset)
            let kb = (b.element.line ?? Int.max, b.element.column ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
    }

    /// Belt and braces: a token that reached a message through another key's `${VAR}` is masked.
    private static func redacted(
        _ problems: [PipelineError.Problem], token: String?, root: Node, environment: [String: String]
    ) -> [PipelineError.Problem] {
        var secrets: [String] = token.map { [$0] } ?? []
        if case .scalar(let s)? = root["source"]?["token"],
            let value = try? EnvironmentSubstitution.substitute(s.string, environment: environment)
        {
            secrets.append(value)
        }
        secrets = secrets.filter { $0.count >= 4 }
        guard !secrets.isEmpty else { return problems }
        return problems.map { problem in
            var p = problem
            for secret in secrets { p.message = p.message.replacingOccurrences(of: secret, with: "<redacted>") }
            return p
        }
    }
}
