import FlatExport
import Foundation
import ObjectStorage

/// Lands days into a bucket, `PREFIX/DATASET/dt=DAY/`, as the file-system store lands them into
/// folders, within what object storage allows: it has no rename, so the day's new files are
/// uploaded under names of their own (`part-00000-GEN.ndjson.gz`), then its `_manifest.json`
/// is replaced in one PUT, then the day's older files are deleted. A reader that follows the
/// manifest never sees a mix; one that globs during those seconds may see both generations,
/// never a partial object (uploads appear whole).
///
/// Within a day, its files go up a few at once (within the run's `UploadSlots`) and the older
/// generation's objects are deleted a few at once; the order of the three steps is kept.
struct S3DayLanding: DayLanding {
    let client: S3Client
    let bucket: String
    /// `PREFIX/DATASET/`.
    let datasetPrefix: String
    let partitionKey = "dt"
    /// The run's hold on the pipeline: the switch and the deletions wait for none, but refuse
    /// once it is lost.
    let lease: S3PipelineLease?
    /// The run's bound on uploads at once, shared by every day it publishes.
    let uploads: UploadSlots
    /// Files of one day uploaded at once (each also within `uploads`).
    static let uploadsPerDay = 4
    /// Old objects of one day deleted at once (small requests holding no data).
    static let deletionsPerDay = 8

    init(
        client: S3Client, bucket: String, prefix: String, dataset: String, lease: S3PipelineLease? = nil,
        uploads: UploadSlots = UploadSlots(limit: 4)
    ) {
        self.client = client
        self.bucket = bucket
        datasetPrefix = prefix + dataset + "/"
        self.lease = lease
        self.uploads = uploads
    }

    func dayPrefix(_ partition: String) -> String { "\(datasetPrefix)\(partitionKey)=\(partition)/" }

    func landedManifest(partition: String) async throws -> DayManifest? {
        let key = dayPrefix(partition) + DayManifest.fileName
        guard let bytes = try await client.getObject(bucket: bucket, key: key, maxBytes: 16 << 20) else { return nil }
        do {
            return try JSONDecoder().decode(DayManifest.self, from: Data(bytes))
        } catch {
            throw ETLError(.io, "cannot decode the day manifest s3://\(bucket)/\(key) (\(error)); delete it to re-land the day")
        }
    }

    func publish(_ day: PreparedDay) async throws {
        let prefix = dayPrefix(day.partition)
        let generation = Self.generation()
        var manifest = day.manifest
        let files = manifest.files.map { PendingUpload(local: day.folder + "/" + $0.path, key: prefix + Self.name($0.path, generation: generation)) }
        let (client, bucket, uploads) = (client, bucket, uploads)
        do {
            try await files.concurrentlyForEach(atMost: Self.uploadsPerDay) { file in
                try await uploads.withSlot {
                    _ = try await client.upload(
                        bucket: bucket, key: file.key, contentType: "application/octet-stream", file: file.local)
                }
            }
        } catch {
            // No manifest lists this generation: what did go up goes, so a glob does not see it.
            // Best effort: a leftover is deleted by the day's next publish.
            try? await files.concurrentlyForEach(atMost: Self.deletionsPerDay) { file in
                try await client.deleteObject(bucket: bucket, key: file.key)
            }
            throw error
        }
        for index in manifest.files.indices {
            manifest.files[index].path = Self.name(manifest.files[index].path, generation: generation)
        }
        // The switch: readers that follow the manifest now see the new files only.
        try await lease?.checkHeld()
        try await client.putObject(
            bucket: bucket, key: prefix + DayManifest.fileName, bytes: try manifest.encoded(), contentType: "application/json")
        let keep = Set(manifest.files.map { prefix + $0.path } + [prefix + DayManifest.fileName])
        let stale = try await client.listAllObjects(bucket: bucket, prefix: prefix).map(\.key).filter { !keep.contains($0) }
        try await stale.concurrentlyForEach(atMost: Self.deletionsPerDay) { key in
            try await client.deleteObject(bucket: bucket, key: key)
        }
        try? FileManager.default.removeItem(atPath: day.folder)
    }

    private struct PendingUpload: Sendable {
        var local: String
        /// Under this publish's generation.
        var key: String
    }

    @discardableResult
    func removeLandedDay(partition: String) async throws -> Bool {
        let prefix = dayPrefix(partition)
        let objects = try await client.listAllObjects(bucket: bucket, prefix: prefix)
        guard !objects.isEmpty else { return false }
        try await lease?.checkHeld()
        // The manifest first: a reader that follows it sees no day rather than half of one.
        try await client.deleteObject(bucket: bucket, key: prefix + DayManifest.fileName)
        let (client, bucket) = (client, bucket)
        try await objects.map(\.key).filter { $0 != prefix + DayManifest.fileName }.concurrentlyForEach(atMost: Self.deletionsPerDay) { key in
            try await client.deleteObject(bucket: bucket, key: key)
        }
        return true
    }

    /// `part-00000.ndjson.gz` becomes `part-00000-GEN.ndjson.gz`: still a data file to every
    /// glob, never the name of an earlier generation's file.
    static func name(_ path: String, generation: String) -> String {
        guard let dot = path.firstIndex(of: ".") else { return path + "-" + generation }
        return path[..<dot] + "-" + generation + path[dot...]
    }

    static func generation() -> String {
        String(UInt64.random(in: 0 ... .max), radix: 16).leftPadded(to: 16)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
