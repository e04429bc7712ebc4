#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// `_manifest.json` of a landed day: what the day holds and how it got there.
///
/// Its name starts with `_`, so Spark and Hive skip it and `*.ndjson.gz` globs do not match it.
package struct DayManifest: Codable, Sendable, Hashable {
    /// The file name of a manifest inside a day folder.
    package static let fileName = "_manifest.json"

    /// One data file of the day.
    package struct File: Codable, Sendable, Hashable {
        /// The file name, relative to the day folder, e.g. `part-00000.ndjson.gz`.
        package var path: String
        /// `ndjson` or `csv`.
        package var format: FlatFormat
        /// `gzip` or `none`.
        package var compression: FlatCompression
        /// Records in the file (the CSV header is not counted).
        package var rows: Int
        /// Bytes on disk.
        package var bytes: Int
        /// SHA-256 of the bytes on disk, lowercase hex (what `sha256sum` prints).
        package var sha256: String

        package init(path: String, format: FlatFormat, compression: FlatCompression, rows: Int, bytes: Int, sha256: String) {
            self.path = path
            self.format = format
            self.compression = compression
            self.rows = rows
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// The dataset path under the landing root, e.g. `cdr_1`.
    package var dataset: String
    /// The partition folder name, e.g. `dt=2025-01-05`.
    package var partition: String
    /// Records in the day, counted once even when written in two formats.
    package var rows: Int
    /// Bytes on disk of all data files.
    package var bytes: Int
    /// The data files, by format then part number.
    package var files: [File]
    /// The source windows that make up the day, in the order they were written.
    package var windows: [String]
    /// The run that landed this version of the day.
    package var runID: String
    /// When the day was landed, ISO 8601 UTC (`2025-01-06T05:00:00Z`).
    package var writtenAt: String
    /// Caller-defined facts about the day (e.g. the source's report name).
    package var extra: [String: String]

    enum CodingKeys: String, CodingKey {
        case dataset, partition, rows, bytes, files, windows, extra
        case runID = "run_id"
        case writtenAt = "written_at"
    }

    package init(
        dataset: String, partition: String, rows: Int, bytes: Int, files: [File], windows: [String],
        runID: String, writtenAt: String, extra: [String: String] = [:]
    ) {
        self.dataset = dataset
        self.partition = partition
        self.rows = rows
        self.bytes = bytes
        self.files = files
        self.windows = windows
        self.runID = runID
        self.writtenAt = writtenAt
        self.extra = extra
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dataset = try container.decode(String.self, forKey: .dataset)
        partition = try container.decode(String.self, forKey: .partition)
        rows = try container.decode(Int.self, forKey: .rows)
        bytes = try container.decode(Int.self, forKey: .bytes)
        files = try container.decode([File].self, forKey: .files)
        windows = try container.decodeIfPresent([String].self, forKey: .windows) ?? []
        runID = try container.decode(String.self, forKey: .runID)
        writtenAt = try container.decode(String.self, forKey: .writtenAt)
        extra = try container.decodeIfPresent([String: String].self, forKey: .extra) ?? [:]
    }

    /// Reads a manifest.
    /// - Parameter path: the `_manifest.json` file, or the day folder holding it.
    /// - Throws: `FlatExportError` (`.notFound`, `.corruptManifest`, ...) naming the file.
    package static func load(from path: String) throws -> DayManifest {
        let file = FileSystem.kind(path) == .directory ? path + "/" + fileName : path
        let bytes = try FileSystem.read(file)
        do {
            return try JSONDecoder().decode(DayManifest.self, from: Data(bytes))
        } catch {
            throw FlatExportError(
                code: .corruptManifest, message: "cannot decode the day manifest \(file); re-land the day",
                path: file, cause: error)
        }
    }

    /// The manifest as pretty, key-sorted JSON with a final newline.
    package func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
    }
}

/// UTC timestamps for manifests, without Foundation's formatters.
enum UTCTimestamp {
    /// `YYYY-MM-DDTHH:MM:SSZ` for the given seconds since 1970 (now when nil).
    static func iso8601(_ seconds: Int? = nil) -> String {
        var time = time_t(seconds ?? Int(Glibc_time()))
        var parts = tm()
        _ = gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
            + "T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

@inline(__always) private func Glibc_time() -> time_t { time(nil) }
