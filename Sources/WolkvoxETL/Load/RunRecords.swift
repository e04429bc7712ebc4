import Foundation
import ObjectStorage

/// Where a pipeline keeps what is not data: its state (`_wolkvox/state/NAME.json`) and its run
/// reports (`_wolkvox/runs/RUN_ID.json`), beside the landed days.
protocol RunRecords: Sendable {
    func load(pipeline: String, report: String) async throws -> PipelineState
    func save(_ state: PipelineState) async throws
    func write(_ report: RunReport) async throws
}

/// The records as files under a local root; the state file is replaced atomically.
struct FileRunRecords: RunRecords {
    let root: URL
    let state: PipelineStateStore

    init(root: URL, pipelineName: String) {
        self.root = root
        state = PipelineStateStore(root: root, pipelineName: pipelineName)
    }

    func load(pipeline: String, report: String) throws -> PipelineState { try state.load(pipeline: pipeline, report: report) }
    func save(_ state: PipelineState) throws { try self.state.save(state) }
    func write(_ report: RunReport) throws { try report.write(root: root) }
}

/// The records as objects under `PREFIX/_wolkvox/`, so a run on a fresh container resumes from
/// the bucket. Each PUT replaces an object whole; the state only while the run holds the
/// pipeline's lease.
struct S3RunRecords: RunRecords {
    let client: S3Client
    let bucket: String
    let prefix: String
    let pipelineName: String
    var lease: S3PipelineLease?

    var stateKey: String { "\(prefix)_wolkvox/state/\(pipelineName).json" }

    func load(pipeline: String, report: String) async throws -> PipelineState {
        guard let bytes = try await client.getObject(bucket: bucket, key: stateKey, maxBytes: 256 << 20) else {
            return PipelineState(pipeline: pipeline, report: report)
        }
        do {
            return try JSONDecoder().decode(PipelineState.self, from: Data(bytes))
        } catch {
            throw ETLError(.state, "the state s3://\(bucket)/\(stateKey) is unreadable (\(error)); move it away to start afresh (landed days stay)")
        }
    }

    func save(_ state: PipelineState) async throws {
        try await lease?.checkHeld()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try await client.putObject(bucket: bucket, key: stateKey, bytes: Array(try encoder.encode(state)), contentType: "application/json")
    }

    func write(_ report: RunReport) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try await client.putObject(
            bucket: bucket, key: "\(prefix)_wolkvox/runs/\(report.runID).json", bytes: Array(try encoder.encode(report)),
            contentType: "application/json")
    }
}
