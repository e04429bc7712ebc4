/// Durations as people write them in pipeline files and flags: `500ms`, `60s`, `5m`, `1h`.
public enum DurationText {
    /// The one parser behind `source.timeout`, `source.retry` delays and `run --watch`.
    public static func parse(_ text: String) -> Duration? { PipelineReader.parseDuration(text) }
}
