/// Lands a dataset as day partitions, `root/dataset/dt=YYYY-MM-DD/`, each replaced whole and
/// atomically.
///
/// A day is written into a private staging folder (`openDay`), one segment per source window,
/// then `commit` numbers the parts, writes `_manifest.json` and swaps the staged folder with the
/// landed one in one rename. Readers see the old day or the new day, never a mix; a day that
/// fails never lands.
///
/// - Important: nothing but data files and `_manifest.json` is ever written under
///   `root/dataset/`; staging lives in `stagingRoot`, which must be on the same file system.
package struct DayPartitionStore: Sendable {
    /// Where and how a dataset is written.
    package struct Configuration: Sendable, Hashable {
        /// The landing zone.
        package var root: String
        /// The dataset's folder relative to `root`, e.g. `cdr_1` or `rejects/cdr_1`.
        package var dataset: String
        /// Where days are staged; same file system as `root`, outside the dataset.
        package var stagingRoot: String
        /// The partition folder's key: `dt` gives `dt=2025-01-05`.
        package var partitionKey: String
        /// The columns of every data file.
        package var schema: FlatSchema
        /// One or both formats; each row is written to every format.
        package var formats: [FlatFormat]
        package var compression: FlatCompression
        /// 0 to 9 (1 fastest, 9 smallest); used with `.gzip` only.
        package var gzipLevel: Int
        /// A data file rolls over to the next part after this many records.
        package var maxRecordsPerFile: Int
        /// The deflate implementation for `.gzip`.
        package var gzipEngine: GzipEngine

        package init(
            root: String,
            dataset: String,
            schema: FlatSchema,
            stagingRoot: String,
            partitionKey: String = "dt",
            formats: [FlatFormat] = [.ndjson],
            compression: FlatCompression = .gzip,
            gzipLevel: Int = 6,
            maxRecordsPerFile: Int = 1_000_000,
            gzipEngine: GzipEngine = .preferred
        ) {
            self.root = root
            self.dataset = dataset
            self.schema = schema
            self.stagingRoot = stagingRoot
            self.partitionKey = partitionKey
            self.formats = formats
            self.compression = compression
            self.gzipLevel = gzipLevel
            self.maxRecordsPerFile = maxRecordsPerFile
            self.gzipEngine = gzipEngine
        }
    }

    package let configuration: Configuration

    /// - Throws: `FlatExportError` (`.invalidArgument`) for an unusable configuration.
    package init(_ configuration: Configuration) throws {
        try Self.validate(configuration)
        self.configuration = configuration
    }

    /// Creates the landing root when missing, so an unusable root (a regular file in its path,
    /// no permission) fails before any work, naming the folder and the system's reason.
    /// - Throws: `FlatExportError` (`.notADirectory`, `.permissionDenied`, ...).
    package func createRoot() throws {
        try FileSystem.makeDirectories(configuration.root)
    }

    /// `root/dataset`.
    package var datasetPath: String { Self.join(configuration.root, configuration.dataset) }

    /// `root/dataset/dt=DAY`, whether or not it has landed.
    package func landedPath(partition: String) -> String {
        datasetPath + "/" + partitionFolder(partition)
    }

    /// The landed day's manifest, or nil when the day has not landed.
    package func landedManifest(partition: String) throws -> DayManifest? {
        let path = landedPath(partition: partition) + "/" + DayManifest.fileName
        guard FileSystem.kind(path) != .missing else { return nil }
        return try DayManifest.load(from: path)
    }

    /// Starts a new version of one day in a fresh staging folder.
    /// - Parameters:
    ///   - partition: the day, e.g. `2025-01-05`; becomes `dt=2025-01-05`.
    ///   - runID: the run writing it; part of the staging folder's name, for debugging leftovers.
    /// - Throws: `FlatExportError` naming the folder that could not be created.
    package func openDay(partition: String, runID: String) throws -> StagedDay {
        try Self.validateName(partition, what: "partition")
        let parent = stagingDatasetPath
        try FileSystem.makeDirectories(parent)
        let base = "\(partitionFolder(partition)).\(Self.sanitized(runID))"
        while true {
            let path = parent + "/" + base + "." + Self.randomSuffix()
            do {
                try FileSystem.makeDirectory(path)
                return StagedDay(store: self, partition: partition, runID: runID, stagedPath: path)
            } catch let error as FlatExportError where error.code == .alreadyExists {
                continue
            }
        }
    }

    /// Removes a landed day (e.g. rejects a re-run no longer has). The folder is first renamed
    /// into staging, so readers see the whole day or none of it; a missing day is not an error.
    /// - Returns: whether a day was there.
    @discardableResult
    package func removeLandedDay(partition: String) throws -> Bool {
        try Self.validateName(partition, what: "partition")
        let landed = landedPath(partition: partition)
        guard FileSystem.kind(landed) != .missing else { return false }
        try FileSystem.makeDirectories(stagingDatasetPath)
        let aside = stagingDatasetPath + "/" + partitionFolder(partition) + ".removed." + Self.randomSuffix()
        try FileSystem.rename(landed, to: aside)
        try FileSystem.syncDirectory(datasetPath)
        // Gone from the dataset already; a leftover is removed by the next `cleanStaging()`.
        try? FileSystem.removeTree(aside)
        return true
    }

    /// Removes this dataset's leftovers of killed runs from staging. Call at the start of a run,
    /// before any day of this dataset is opened.
    package func cleanStaging() throws {
        try FileSystem.removeTree(stagingDatasetPath)
    }

    /// Removes every leftover under `stagingRoot` (all datasets). Call only when no other run
    /// stages there.
    package static func cleanStaging(stagingRoot staging: String) throws {
        guard FileSystem.kind(staging) == .directory else { return }
        for name in try FileSystem.entries(staging) { try FileSystem.removeTree(staging + "/" + name) }
    }

    func partitionFolder(_ partition: String) -> String { "\(configuration.partitionKey)=\(partition)" }

    /// One flat folder per dataset in staging: `/` is escaped so `a/b` and `a` never nest.
    var stagingDatasetPath: String {
        var key = ""
        for character in configuration.dataset {
            switch character {
            case "%": key += "%25"
            case "/": key += "%2F"
            default: key.append(character)
            }
        }
        return configuration.stagingRoot + "/" + key
    }
}

extension DayPartitionStore {
    static func join(_ base: String, _ relative: String) -> String {
        base.hasSuffix("/") ? base + relative : base + "/" + relative
    }

    static func randomSuffix() -> String {
        Hex.string(withUnsafeBytes(of: UInt64.random(in: .min ... .max)) { Array($0) })
    }

    /// Keeps a run id readable in a folder name without letting it add path components.
    static func sanitized(_ text: String) -> String {
        let kept = text.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": return Character(scalar)
            default: return "_"
            }
        }
        return kept.isEmpty ? "run" : String(kept.prefix(64))
    }

    static func validateName(_ name: String, what: String) throws {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\0") else {
            throw FlatExportError(
                code: .invalidArgument, message: "\(what) '\(name)' cannot be a folder name; use e.g. 2025-01-05")
        }
    }

    static func validate(_ configuration: Configuration) throws {
        func invalid(_ message: String) -> FlatExportError {
            FlatExportError(code: .invalidArgument, message: message, path: configuration.root)
        }
        let components = configuration.dataset.split(separator: "/", omittingEmptySubsequences: false)
        guard !configuration.dataset.isEmpty, !configuration.dataset.hasPrefix("/"),
            !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
        else {
            throw invalid("dataset '\(configuration.dataset)' must be a relative path such as cdr_1 or a/b")
        }
        try validateName(configuration.partitionKey, what: "partition key")
        guard !configuration.partitionKey.contains("=") else { throw invalid("partition key cannot contain '='") }
        guard !configuration.formats.isEmpty, Set(configuration.formats).count == configuration.formats.count else {
            throw invalid("formats must list ndjson, csv or both, once each")
        }
        guard (0...9).contains(configuration.gzipLevel) else {
            throw invalid("gzip level \(configuration.gzipLevel) is not in 0...9")
        }
        guard configuration.maxRecordsPerFile >= 1 else {
            throw invalid("max records per file must be at least 1, not \(configuration.maxRecordsPerFile)")
        }
        let dataset = join(configuration.root, configuration.dataset) + "/"
        let staging = configuration.stagingRoot.hasSuffix("/") ? configuration.stagingRoot : configuration.stagingRoot + "/"
        guard !staging.hasPrefix(dataset), !dataset.hasPrefix(staging) else {
            throw invalid("staging folder \(configuration.stagingRoot) must not be inside or contain the dataset \(dataset)")
        }
    }
}
