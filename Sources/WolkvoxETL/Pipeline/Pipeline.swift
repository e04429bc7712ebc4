package import WolkvoxAPI

/// A validated pipeline file: what to extract, how to type it and where to land it.
///
/// Build one with ``PipelineLoader``; every value has already been checked against the
/// contract (ranges, known report, real time zone, allowed keys). The nested configuration
/// structs have defaults equal to the documented ones, so tests can also build one in code.
///
/// - Important: `source.token` is a secret. `description`, `debugDescription` and the mirror
///   used by `dump` redact it.
package struct Pipeline: Sendable {
    /// The pipeline file format version; only `1` exists.
    package var version: Int
    /// Names the state file and run reports: `[A-Za-z0-9._-]`, no leading dot.
    package var name: String
    package var source: Source
    package var transform: Transform
    package var load: Load
    /// The file the pipeline was read from (for messages), if any.
    package var file: String?

    package init(
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
    package var report: ReportSpec { source.report }
}

extension Pipeline: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    package var description: String {
        "Pipeline(name: \(name), source: \(source), transform: \(transform), load: \(load))"
    }

    package var debugDescription: String { description }

    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "version": version, "name": name, "source": source, "transform": transform, "load": load,
                "file": file as Any,
            ],
            displayStyle: .struct)
    }
}
