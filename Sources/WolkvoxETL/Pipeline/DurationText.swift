/// Durations as people write them in pipeline files and flags: `500ms`, `60s`, `5m`, `1h`.
package enum DurationText {
    /// The one parser behind `source.timeout`, `source.retry` delays and `run --watch`.
    package static func parse(_ text: String) -> Duration? { PipelineReader.parseDuration(text) }
}

extension DurationText {
    /// `duration` as a pipeline file spells it: `60s`, or `500ms` below whole seconds; `parse`
    /// reads it back.
    package static func format(_ duration: Duration) -> String {
        let c = duration.components
        if c.attoseconds == 0 { return "\(c.seconds)s" }
        return "\(c.seconds * 1000 + c.attoseconds / 1_000_000_000_000_000)ms"
    }
}
