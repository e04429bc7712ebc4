public import WolkvoxAPI

/// A validated pipeline file: what to extract, how to type it and where to land it.
///
/// Build one with ``PipelineLoader``; every value has already been checked against the
/// contract (ranges, known report, real time zone, allowed keys). The nested configuration
/// structs have defaults equal to the documented ones, so tests can also build one in code.
///
/// - Important: `source.token` is a secret. `description`, `debugDescription` and the mirror
///   used by `dump` redact it.
public struct Pipeline: Sendable {
    /// The pipeline file format version; only `1` exists.
    public var version: Int
    /// Names the state file and run reports: `[A-Za-z0-9._-]`, no leading dot.
    public var name: String
    public var source: Source
    public var transform: Transform
    public var load: Load
    /// The file the pipeline was read from (for messages), if any.
    public var file: String?

    public init(
        name: String, source: Source, transform: Transform = .init(), load: Load = .init(),
        version: Int = 1, file: String? = nil
    ) {
        self.version = version
        self.name = name
        self.source = source
        self.transform = transform
        self.load = load
        self.file = file
    }

    /// The report's catalog entry (shortcut for `source.report`).
    public var report: ReportSpec { source.report }
}

extension Pipeline: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "Pipeline(name: \(name), source: \(source), transform: \(transform), load: \(load))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "version": version, "name": name, "source": source, "transform": transform, "load": load,
                "file": file as Any,
            ],
            displayStyle: .struct)
    }
}
