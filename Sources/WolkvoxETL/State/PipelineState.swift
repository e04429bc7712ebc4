public import Foundation
public import WolkvoxAPI

/// What a pipeline remembers between runs: the days it landed, and the run in progress so an
/// interrupted run resumes where it stopped instead of asking the API again.
///
/// Stored as `_wolkvox/state/NAME.json`, replaced atomically (write, fsync, rename).
public struct PipelineState: Codable, Sendable, Equatable {
    public struct LandedDay: Codable, Sendable, Equatable {
        public var rows: Int
        public var rejects: Int
        public var runID: String
        public var landedAt: String
        /// Digest of the day's data files (sha256 of their sha256s), to tell whether a re-land changed it.
        public var contentDigest: String
        /// Rows per local hour (24 counts): the density the planner sizes later windows by.
        /// Absent in state files written before it was kept.
        public var hours: [Int]?

        enum CodingKeys: String, CodingKey {
            case rows, rejects, hours
            case runID = "run_id"
            case landedAt = "landed_at"
            case contentDigest = "content_digest"
        }
    }

    /// A run that started and did not finish: its range, and the days it already landed.
    public struct RunInProgress: Codable, Sendable, Equatable {
        public var runID: String
        public var from: LocalDay?
        public var to: LocalDay?
        public var landed: [LocalDay]
        /// The parameter values asked (`ParameterLane` descriptions), absent for a report asked
        /// without any: a run asking other values does not resume this one.
        public var params: [String]?

        public init(runID: String, from: LocalDay?, to: LocalDay?, landed: [LocalDay], params: [String]? = nil) {
            self.runID = runID
            self.from = from
            self.to = to
            self.landed = landed
            self.params = params
        }

        enum CodingKeys: String, CodingKey {
            case runID = "run_id"
            case from, to, landed, params
        }
    }

    public var version: Int = 1
    public var pipeline: String
    public var report: String
    public var landed: [String: LandedDay] = [:]
    public var inProgress: RunInProgress?
    /// Keys of the last snapshot (real-time reports): the next poll overlaps it and must not land
    /// those records again. Any record a later poll can repeat was in the last one.
    public var snapshotKeys: [String]?
    /// Written by earlier versions: true once the API was seen to keep the newest rows of a cut
    /// answer. Read as `cut_behaviour: keeps_newest`.
    public var truncationKeepsNewest: Bool?
    /// How this pipeline's API was seen to cut an answer that holds the cap: `keeps_newest`,
    /// `keeps_oldest` or `keeps_neither` (see `CutBelief`). Absent until a run has settled it.
    public var cutBehaviour: String?

    /// What earlier runs learned of how the API cuts.
    public var cutBelief: CutBelief {
        CutBelief(stateText: cutBehaviour ?? (truncationKeepsNewest == true ? "keeps_newest" : nil))
    }

    enum CodingKeys: String, CodingKey {
        case truncationKeepsNewest = "truncation_keeps_newest"
        case cutBehaviour = "cut_behaviour"
        case version, pipeline, report, landed
        case inProgress = "in_progress"
        case snapshotKeys = "snapshot_keys"
    }

    public init(pipeline: String, report: String) {
        self.pipeline = pipeline
        self.report = report
    }
}

/// Reads and writes a pipeline's state file.
public struct PipelineStateStore: Sendable {
    public var url: URL

    public init(root: URL, pipelineName: String) {
        url = root.appendingPathComponent("_wolkvox/state/\(pipelineName).json")
    }

    public func load(pipeline: String, report: String) throws -> PipelineState {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return PipelineState(pipeline: pipeline, report: report)
        }
        do {
            let data = try Data(contentsOf: url)
            return try JSONDecoder().decode(PipelineState.self, from: data)
        } catch {
            throw ETLError(
                .state, "the state file \(url.path) is unreadable (\(error)); move it away to start afresh (landed days stay)")
        }
    }

    public func save(_ state: PipelineState) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(state), to: url)
    }
}
