import FlatExport
import Foundation
import Logging
import ObjectStorage

/// Where a run lands, chosen from `load.root`: a folder (days swapped in by rename, records as
/// files) or a bucket (days uploaded then switched by their manifest, records as objects, days
/// staged in a private local folder).
struct LandingStorage: Sendable {
    /// The local root: the landing folder itself, or the bucket run's private staging folder.
    let root: URL
    let records: any RunRecords
    /// The run's lock on the pipeline (a folder root only).
    let lock: PipelineLock?
    private let bucket: Bucket?

    private struct Bucket: Sendable {
        let client: S3Client
        let name: String
        let prefix: String
    }

    /// Where a dataset's days land: nil for the folder root (its own `DayPartitionStore`).
    func landing(dataset: String) -> (any DayLanding)? {
        bucket.map { S3DayLanding(client: $0.client, bucket: $0.name, prefix: $0.prefix, dataset: dataset) }
    }

    var isBucket: Bool { bucket != nil }

    /// Opens the landing. For a bucket, first checks (one listing) that the bucket exists and the
    /// credentials may use it, so a wrong setting ends the run before any Wolkvox call; then
    /// aborts multipart uploads an interrupted run left under the prefix.
    /// - Throws: `ETLError`: `.auth` for refused credentials, `.pipeline` for a missing bucket or
    ///   bad endpoint, `.io` when the server cannot be reached.
    static func open(pipeline: Pipeline, runID: String, credentials: S3Credentials?, logger: Logger) async throws -> LandingStorage {
        switch pipeline.load.target {
        case .directory(let path):
            let root = URL(fileURLWithPath: path, isDirectory: true)
            let lock = try PipelineLock(root: root, pipelineName: pipeline.name)
            return LandingStorage(root: root, records: FileRunRecords(root: root, pipelineName: pipeline.name), lock: lock, bucket: nil)
        case .bucket(let name, let prefix):
            // A snapshot without dates replaces its day like a range does; one with its own times adds to it.
            guard pipeline.report.takesRange || pipeline.report.dayOf == .runDay else {
                throw ETLError(.pipeline, "\(pipeline.report.name) is a snapshot report, added to its day on each poll; land it in a folder, not s3://")
            }
            let settings = pipeline.load.s3 ?? Pipeline.S3Settings()
            guard let credentials else {
                throw ETLError(.auth, "no S3 credentials for s3://\(name): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or a profile in ~/.aws/credentials)")
            }
            let endpoint: S3Endpoint
            do {
                endpoint = try S3Endpoint(url: settings.endpoint, region: settings.region, pathStyle: settings.pathStyle)
            } catch {
                throw ETLError(.pipeline, "load.s3.endpoint: \(error)")
            }
            let client = S3Client.owningConnections(endpoint: endpoint, credentials: credentials, logger: logger)
            do {
                try await client.checkAccess(bucket: name, prefix: prefix)
                for upload in try await client.listMultipartUploads(bucket: name, prefix: prefix) {
                    logger.info("aborting an upload an earlier run left: s3://\(name)/\(upload.key)")
                    try await client.abortMultipartUpload(bucket: name, key: upload.key, uploadID: upload.uploadID)
                }
            } catch let error as S3Error {
                await client.shutdown()
                throw ETLError(error.code.isAuthentication ? .auth : error.code == .noSuchBucket ? .pipeline : .io, "load.root s3://\(name)/\(prefix): \(error.message)")
            } catch {
                await client.shutdown()
                throw error
            }
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("wolkvox-etl-\(runID)", isDirectory: true)
            return LandingStorage(
                root: root, records: S3RunRecords(client: client, bucket: name, prefix: prefix, pipelineName: pipeline.name),
                lock: nil, bucket: Bucket(client: client, name: name, prefix: prefix))
        }
    }

    /// Removes the bucket run's private staging and closes its connections.
    func close() async {
        guard let bucket else { return }
        try? FileManager.default.removeItem(at: root)
        await bucket.client.shutdown()
    }
}
