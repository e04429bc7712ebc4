package import Foundation
package import WolkvoxAPI

/// What a pipeline remembers between runs: the days it landed, and the run in progress so an
/// interrupted run resumes where it stopped instead of asking the API again.
///
/// Stored as `_wolkvox/state/NAME.json`, replaced atomically (write, fsync, rename).
package struct PipelineState: Codable, Sendable, Equatable {
    package struct LandedDay: Codable, Sendable, Equatable {
        package var rows: Int
        package var rejects: Int
        package var runID: String
        package var landedAt: String
        /// Digest of the day's data files (sha256 of their sha256s), to tell whether a re-land changed it.
        package var contentDigest: String
        /// Rows per local hour (24 counts): the density the planner sizes later windows by.
        /// Absent in state files written before it was kept.
        package var hours: [Int]?

        enum CodingKeys: String, CodingKey {
            case rows, rejects, hours
            case runID = "run_id"
            case landedAt = "landed_at"
            case contentDigest = "content_digest"
        }
    }

    /// A run that started and did not finish: its range, and the days it already landed.
    package struct RunInProgress: Codable, Sendable, Equatable {
        package var runID: String
        package var from: LocalDay?
        package var to: LocalDay?
        package var landed: [LocalDay]
        /// The parameter values asked (`ParameterLane` descriptions), absent for a report asked
        /// without any: a run asking other values does not resume this one.
        package var params: [String]?

        package init(runID: String, from: LocalDay?, to: LocalDay?, landed: [LocalDay], params: [String]? = nil) {
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

    package var version: Int = 1
    package var pipeline: String
    package var report: String
    package var landed: [String: LandedDay] = [:]
    package var inProgress: RunInProgress?
    /// Keys of the last snapshot (real-time reports): the next poll overlaps it and must not land
    /// those records again. Any record a later poll can repeat was in the last one.
    package var snapshotKeys: [String]?
    /// Written by earlier versions: true once the API was seen to keep the newest rows of a cut
    /// answer. Read as `cut_behaviour: keeps_newest`.
    package var truncationKeepsNewest: Bool?
    /// How this pipeline's API was seen to cut an answer that holds the cap: `keeps_newest`,
    /// `keeps_oldest` or `keeps_neither` (see `CutBelief`). Absent until a run has settled it.
    package var cutBehaviour: String?

    /// What earlier runs learned of how the API cuts.
    package var cutBelief: CutBelief {
        CutBelief(stateText: cutBehaviour ?? (truncationKeepsNewest == true ? "keeps_newest" : nil))
    }

    enum CodingKeys: String, CodingKey {
        case truncationKeepsNewest = "truncation_keeps_newest"
        case cutBehaviour = "cut_behaviour"
        case version, pipeline, report, landed
        case inProgress = "in_progress"
        case snapshotKeys = "snapshot_keys"
    }

    package init(pipeline: String, report: String) {
        self.pipeline = pipeline
        self.report = report
    }
}

/// Reads and writes a pipeline's state file.
package struct PipelineStateStore: Sendable {
    package var url: URL

    package init(root: URL, pipelineName: String) {
        url = root.appendingPathComponent("_wolkvox/state/\(pipelineName).json")
    }

    package func load(pipeline: String, report: String) throws -> PipelineState {
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

    package func save(_ state: PipelineState) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(state), to: url)
    }
}
