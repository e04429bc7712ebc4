package import WolkvoxAPI

/// Record and replay of the mock's answers: `record` saves every 200 records body the mock
/// sends to a folder, `replay` serves those exact bytes again for the same query.
///
/// Benchmarks and comparisons replay so that every tool reads the same bytes and none pays for
/// the mock's synthetic data generation. Auth, the per-token slots, the quota and injected
/// refusals apply in both modes as usual; injected body faults are never recorded (the recorded
/// bodies are always whole) and do not apply in replay.
///
/// Files are named by the query: `REPORT_DATEINI_DATEEND.json` (e.g.
/// `cdr_1_20250101000000_20250131235959.json`). A window without records is recorded as
/// `REPORT_DATEINI_DATEEND.404` and replayed as the API's 404; a query with neither file is
/// answered 500 with a message naming the missing file, so a replay that drifted from its
/// recording fails loudly instead of looking like an empty window.
package struct MockTape: Sendable, Hashable {
    package enum Mode: String, Sendable, Hashable {
        case record
        case replay
    }

    package var mode: Mode
    /// The folder holding the recorded bodies (created by the `mock-server` command in record mode).
    package var directory: String
    /// In replay, a query never recorded is generated and recorded instead of answered 500: for
    /// a tool whose windows vary from run to run (an adaptive planner under concurrency). The new
    /// files in `directory` are the queries the recording lacked.
    package var recordMissing: Bool

    package init(mode: Mode, directory: String, recordMissing: Bool = false) {
        self.mode = mode
        self.directory = directory
        self.recordMissing = recordMissing
    }

    /// Whether generated bodies are saved.
    var records: Bool { mode == .record || recordMissing }

    /// The base name of a query's files, without extension: `REPORT_DATEINI_DATEEND`.
    package static func baseName(report: String, window: Window) -> String {
        "\(report)_\(window.start.compact)_\(window.end.compact)"
    }

    /// Where the 200 body of a query is kept.
    package func bodyPath(report: String, window: Window) -> String {
        path(Self.baseName(report: report, window: window) + ".json")
    }

    /// Where the "no records" answer of a query is noted.
    package func emptyPath(report: String, window: Window) -> String {
        path(Self.baseName(report: report, window: window) + ".404")
    }

    private func path(_ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
