import ArgumentParser
import Foundation
import Logging
import WolkvoxAPI
import WolkvoxETL

/// `--from`/`--to` shared by `run` and `plan`.
struct RangeOptions: ParsableArguments {
    @Option(help: "First day (YYYY-MM-DD, today, yesterday, today-7d); overrides source.from.")
    var from: String?

    @Option(help: "Last day, inclusive; overrides source.to.")
    var to: String?

    func resolve(timeZone: TimeZone) throws -> (LocalDay?, LocalDay?) {
        let today = DateSpec.today(in: timeZone)
        func day(_ text: String?, _ flag: String) throws -> LocalDay? {
            guard let text else { return nil }
            guard let spec = DateSpec(parsing: text) else {
                throw ValidationError("\(flag) '\(text)' is not a date: use YYYY-MM-DD, today, yesterday or today-Nd")
            }
            return spec.resolve(today: today)
        }
        let first = try day(from, "--from")
        let last = try day(to, "--to")
        if let first, let last, first > last {
            throw ValidationError("--from \(first) is after --to \(last)")
        }
        return (first, last)
    }
}

/// Logging flags shared by the commands that log.
struct LogOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Log lines on stderr as text or JSON (one object a line).")
    var logFormat: Format = .text

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level '\(logLevel)': use trace, debug, info, notice, warning, error or critical")
        }
    }

    func bootstrap(quiet: Bool = false) {
        let level = quiet ? .error : Logger.Level(rawValue: logLevel) ?? .info
        let format = logFormat
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                format == .json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// Every pipeline of a file (one, or several YAML documents separated by `---`).
func loadPipelines(_ path: String) throws -> [Pipeline] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw PipelineError(problems: [.init(file: path, keyPath: "", message: "cannot read the pipeline file (does it exist?)")])
    }
    return try PipelineDocuments.parseAll(
        yaml: String(decoding: data, as: UTF8.self), file: path, environment: ProcessInfo.processInfo.environment)
}
