import Foundation
package import Logging
package import ObjectStorage

/// The state a pipeline's runs left where it lands, read without taking the pipeline (for
/// `plan`, which shows what a run would do and changes nothing).
package enum LandedState {
    /// - Parameter credentials: for an `s3://` root; unused for a folder.
    /// - Throws: `ETLError` (`.state` for an unreadable state, `.auth`, `.pipeline` or `.io` for
    ///   a bucket that cannot be read).
    package static func read(pipeline: Pipeline, credentials: S3Credentials?, logger: Logger) async throws -> PipelineState {
        switch pipeline.load.target {
        case .directory(let path):
            return try PipelineStateStore(root: URL(fileURLWithPath: path, isDirectory: true), pipelineName: pipeline.name)
                .load(pipeline: pipeline.name, report: pipeline.report.name)
        case .bucket(let name, let prefix):
            let client = try LandingStorage.client(pipeline: pipeline, bucket: name, credentials: credentials, logger: logger)
            do {
                let state = try await S3RunRecords(client: client, bucket: name, prefix: prefix, pipelineName: pipeline.name)
                    .load(pipeline: pipeline.name, report: pipeline.report.name)
                await client.shutdown()
                return state
            } catch {
                await client.shutdown()
                throw LandingStorage.landingError(error, bucket: name, prefix: prefix)
            }
        }
    }
}
