import Foundation
package import WolkvoxAPI

/// What `plan` shows: the windows a run would ask for and the calls they cost, without a request.
package struct RunPlan: Sendable, Codable {
    package var pipeline: String
    package var report: String
    package var from: String?
    package var to: String?
    package var days: Int
    package var windows: [String]
    /// Calls the plan expects: one per window, plus the splits that the rows already seen for
    /// those days (kept in the state by earlier runs) say the cap will force.
    package var expectedCalls: Int
    /// Days of the range whose size is known from earlier runs.
    package var daysWithKnownDensity: Int
    /// Landed days the weekday-and-hour density profile is learned from (0: nothing learned yet).
    package var daysInProfile: Int
    package var maxCalls: Int
    package var dailyQuota: Int?
    package var output: String
    package var replacesLandedDays: [String]
    /// The parameter values asked on their own (`skill_id=5`), when more than one: each window
    /// is then asked once per value. Absent otherwise.
    package var parameterValues: [String]?

    enum CodingKeys: String, CodingKey {
        case pipeline, report, from, to, days, windows
        case expectedCalls = "expected_calls"
        case daysWithKnownDensity = "days_with_known_density"
        case daysInProfile = "days_in_profile"
        case maxCalls = "max_calls"
        case dailyQuota = "daily_quota"
        case output
        case replacesLandedDays = "replaces_landed_days"
        case parameterValues = "parameter_values"
    }

    /// - Parameter landed: the state the pipeline's runs left (`LandedState.read`); nil reads it
    ///   from a folder root.
    package static func make(pipeline: Pipeline, from: LocalDay?, to: LocalDay?, landed: PipelineState? = nil) throws -> RunPlan {
        let range = try RunRange.resolve(pipeline: pipeline, options: RunOptions(from: from, to: to))
        let root = URL(fileURLWithPath: pipeline.load.root, isDirectory: true)
        var windows: [String] = []
        var replaced: [String] = []
        var expected = 1
        var known = 0
        var profiled = 0
        let lanes = ParameterLane.lanes(report: pipeline.report, params: pipeline.source.params)
        if let range {
            let state = try landed ?? PipelineStateStore(root: root, pipelineName: pipeline.name)
                .load(pipeline: pipeline.name, report: pipeline.report.name)
            replaced = range.days.map(\.description).filter { state.landed[$0] != nil }
            let density = DensityModel(state: state)
            known = range.days.filter(density.isLanded).count
            profiled = density.isEmpty ? 0 : state.landed.count
            let estimate = CallEstimate.simulate(
                spans: WindowPlanner.spans(for: range.days), days: range.days, configuration: .init(pipeline: pipeline),
                density: density, belief: state.cutBelief, concurrency: pipeline.source.concurrency, lanes: lanes)
            windows = estimate.requests.map { request in
                lanes.count > 1 ? "\(request.window) \(lanes[request.lane])" : request.window.description
            }
            expected = estimate.calls
        } else {
            // A snapshot: one call per value.
            expected = lanes.count
        }
        return RunPlan(
            pipeline: pipeline.name, report: pipeline.report.name, from: range?.first.description,
            to: range?.last.description, days: range?.days.count ?? 0,
            windows: range == nil ? ["snapshot (no range)"] : windows,
            expectedCalls: expected, daysWithKnownDensity: known, daysInProfile: profiled, maxCalls: pipeline.source.maxCalls,
            dailyQuota: pipeline.source.licenses.map { $0 * 1000 },
            output: Self.output(pipeline),
            replacesLandedDays: replaced, parameterValues: lanes.count > 1 ? lanes.map(\.description) : nil)
    }

    static func output(_ pipeline: Pipeline) -> String {
        switch pipeline.load.target {
        case .bucket(let name, let prefix): "s3://\(name)/\(prefix)\(pipeline.report.name)/dt=YYYY-MM-DD/"
        case .directory(let path):
            URL(fileURLWithPath: path, isDirectory: true).appendingPathComponent(pipeline.report.name).path + "/dt=YYYY-MM-DD/"
        }
    }
}

package enum PlanText {
    package static func render(pipeline: Pipeline, from: LocalDay?, to: LocalDay?, landed: PipelineState? = nil) throws -> String {
        let plan = try RunPlan.make(pipeline: pipeline, from: from, to: to, landed: landed)
        var lines = ["\(plan.pipeline): \(plan.report)" + (plan.from.map { " \($0) to \(plan.to ?? $0) (\(plan.days) days)" } ?? " snapshot")]
        lines.append("windows (\(plan.windows.count)):")
        for window in plan.windows { lines.append("  \(window)") }
        var calls = "calls: about \(plan.expectedCalls)"
        calls += plan.daysInProfile > 0
            ? " (\(plan.daysWithKnownDensity) of \(plan.days) days measured by earlier runs, the rest estimated by weekday and hour from \(plan.daysInProfile) landed days)"
            : " or more: nothing learned yet, so this is a lower bound, one call per window of \(pipeline.source.maxDaysPerRequest) days; each \(pipeline.source.maxRecordsPerRequest) records a window holds costs a call more, and learning how the API cuts an answer that holds the cap up to two"
        if let values = plan.parameterValues {
            calls += "; \(values.count) parameter values, each window asked once per value"
        }
        calls += "; budget \(plan.maxCalls) (source.max_calls)"
        if let quota = plan.dailyQuota {
            calls += String(format: "; %.1f %% of the daily quota (%d)", Double(plan.expectedCalls) * 100 / Double(quota), quota)
        }
        lines.append(calls)
        if !plan.replacesLandedDays.isEmpty {
            lines.append("replaces \(plan.replacesLandedDays.count) landed days: \(plan.replacesLandedDays.first!) ... \(plan.replacesLandedDays.last!)")
        }
        lines.append("output: \(plan.output)")
        return lines.joined(separator: "\n")
    }

    package static func json(pipeline: Pipeline, from: LocalDay?, to: LocalDay?, landed: PipelineState? = nil) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(try RunPlan.make(pipeline: pipeline, from: from, to: to, landed: landed)), as: UTF8.self)
    }
}
