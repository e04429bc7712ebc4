/// A data file format a dataset is written in.
package enum FlatFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// One JSON object a line, keys in schema order.
    case ndjson
    /// RFC 4180 with a header row and CRLF line endings.
    case csv
}

/// How data files are compressed on disk.
package enum FlatCompression: String, Sendable, Hashable, CaseIterable, Codable {
    /// A gzip stream (`.gz`), readable by `gzip`, DuckDB, pandas and Spark: one member, or one
    /// member per 512 KB of input (`GzipEngine`).
    case gzip
    /// Plain files.
    case none
}

extension FlatFormat {
    /// The file name extension for this format, e.g. `ndjson.gz` or `csv`.
    package func fileExtension(compression: FlatCompression) -> String {
        switch compression {
        case .gzip: return "\(rawValue).gz"
        case .none: return rawValue
        }
    }
}
